package io.driftwatch.scenario;

import io.driftwatch.store.OnPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every scenario again, with the service on a real PostgreSQL server: approvals, deployment records, the
 * running configuration and alerts all go through PostgreSQL, with the same results as on H2.
 */
@QuarkusTest
@TestProfile(OnPostgres.class)
class ScenarioOnPostgresTest extends ScenarioTest {
}
