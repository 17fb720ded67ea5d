package io.driftwatch.rules;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Rule changes write through to the rules directory: this profile gives them a copy, and a database of their own. */
public class RulesTestProfile implements QuarkusTestProfile {

    static final String ADMIN = "test-admin-token";
    static final Path RULES = Path.of("target", "rules-under-test").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        io.driftwatch.TestFiles.copyShippedRules(RULES);
        return Map.of("driftwatch.rules.dir", RULES.toString(),
                "driftwatch.admin-token", ADMIN,
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:rules-test;DB_CLOSE_DELAY=-1");
    }
}
