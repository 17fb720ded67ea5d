package io.driftwatch.change;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An HMAC key, an Ed25519 key for one pipeline, a database of its own (the chain is broken on purpose here), and a
 * retention long enough that the 2026 records of the tests are never purged while they run.
 */
public class DeploymentTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("driftwatch.deployments.hmac-key", DeploymentTestKeys.HMAC_KEY,
                "driftwatch.deployments.ed25519-keys." + DeploymentTestKeys.PIPELINE, DeploymentTestKeys.ED_PUBLIC,
                "driftwatch.deployments.retention", "3650d",
                "driftwatch.admin-token", "test-admin-token",
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:deployments-test;DB_CLOSE_DELAY=-1");
    }
}
