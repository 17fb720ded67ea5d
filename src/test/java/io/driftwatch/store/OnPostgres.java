package io.driftwatch.store;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service on an embedded PostgreSQL server instead of H2. */
public class OnPostgres implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
