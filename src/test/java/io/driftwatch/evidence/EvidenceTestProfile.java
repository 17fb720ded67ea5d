package io.driftwatch.evidence;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A database of its own, so the report's counts are exactly what the test sent. */
public class EvidenceTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("driftwatch.admin-token", "test-admin-token",
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:evidence-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }
}
