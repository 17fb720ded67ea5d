package io.driftwatch.replay;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A database of its own, so the closing summary lists the replay's alerts and no other test's. */
public class ReplayTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:replay-test;DB_CLOSE_DELAY=-1");
    }
}
