package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.deploy.DeployFiles.YamlPath;
import io.driftwatch.engine.RuleCompiler;
import io.driftwatch.engine.RuleData;
import io.driftwatch.engine.RuleLoader;
import io.driftwatch.engine.RuleProblem;
import io.driftwatch.engine.RuleSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The settings the Deployment passes are real ones, bind as intended, and the rules reach a writable directory. */
class DeploymentSettingsTest {

    /** Launch settings that are not in application.properties. */
    static final List<String> LAUNCH = List.of("QUARKUS_PROFILE");

    static Map<String, Object> app() {
        return KubernetesManifestsTest.container("driftwatch");
    }

    /** The container's environment, secret references replaced by a placeholder. */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> e : YamlPath.maps(app(), "env")) {
            Object value = e.get("value");
            env.put((String) e.get("name"), value != null ? value.toString() : "from-" + YamlPath.str(e, "valueFrom", "secretKeyRef", "key"));
        }
        return env;
    }

    @Test
    void everyVariableNamesARealSetting() {
        SortedSet<String> known = ConfigNames.known();
        for (String name : env().keySet()) {
            if (LAUNCH.contains(name)) {
                continue;
            }
            assertNotNull(ConfigNames.propertyOf(name, known), "env " + name + " names no Driftwatch or Quarkus setting");
        }
        assertEquals("production", env().get("QUARKUS_PROFILE"));
        assertTrue(ConfigNames.applicationProperties().getProperty("%production.quarkus.datasource.postgresql.active")
                .equals("true"), "the production profile is the PostgreSQL one");
    }

    @Test
    void theVariablesBindToTheServicesConfigurationAsIntended() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DriftwatchConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env(), 300))
                .build();
        DriftwatchConfig dw = config.getConfigMapping(DriftwatchConfig.class);
        assertTrue(dw.kafka().enabled());
        assertEquals(Path.of(env().get("DRIFTWATCH_RULES_DIR")), Path.of(dw.rules().dir()));
        assertEquals("from-admin-token", dw.adminToken().orElseThrow());
        assertEquals("from-deployments-hmac-key", dw.deployments().hmacKey().orElseThrow());
        // each Kafka client setting arrives under its dotted name, and Kafka knows that name
        Map<String, String> kafka = dw.kafka().properties();
        assertTrue(kafka.keySet().containsAll(List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.type", "ssl.truststore.location")), kafka.keySet().toString());
        for (String key : kafka.keySet()) {
            assertTrue(ConsumerConfig.configNames().contains(key) && ProducerConfig.configNames().contains(key),
                    "driftwatch.kafka.properties." + key + " is not a Kafka client setting");
        }
    }

    @Test
    void theRulesDirectoryIsTheWritableCopyTheInitContainerMakes() {
        Map<String, Object> pod = KubernetesManifestsTest.podSpec(KubernetesManifestsTest.deployment());
        Map<String, Object> init = YamlPath.maps(pod, "initContainers").get(0);
        String script = String.join("\n", YamlPath.list(init.get("command")).stream().map(Object::toString).toList());
        String rulesDir = env().get("DRIFTWATCH_RULES_DIR");
        String workMount = mountPath(app(), "work");
        assertTrue(rulesDir.startsWith(workMount + "/"), "the rules directory is on the writable work volume");
        assertEquals(workMount, mountPath(init, "work"));
        assertTrue(script.contains("cp -R " + DockerfileTest.destinationOf("rules/") + ". " + rulesDir + "/"),
                "the init container seeds " + rulesDir + " from the image's rules:\n" + script);
        String siteMount = mountPath(init, "rules-site");
        assertTrue(script.contains(siteMount + "/*"), "then copies the ConfigMap's files from " + siteMount);
        assertEquals(DockerfileTest.destinationOf("testdata/scenarios/"),
                env().get("DRIFTWATCH_RULES_SCENARIOS_DIR") + "/", "scenarios where the image has them");
        assertTrue(ConfigNames.defaultOf("driftwatch.auth.token-file").startsWith("data/")
                && env().get("DRIFTWATCH_AUTH_TOKEN_FILE").startsWith(workMount + "/"), "the token file is writable");
    }

    static String mountPath(Map<String, Object> container, String volume) {
        return YamlPath.maps(container, "volumeMounts").stream().filter(m -> volume.equals(m.get("name")))
                .map(m -> (String) m.get("mountPath")).findFirst()
                .orElseThrow(() -> new AssertionError(container.get("name") + " does not mount " + volume));
    }

    @Test
    void theSiteRuleFilesAreValidRuleFilesNextToTheShippedOnes() {
        Map<String, Object> data = YamlPath.map(KubernetesManifestsTest.FILES.one("ConfigMap", "driftwatch-rules").doc().get("data"));
        SortedMap<String, String> files = RuleLoader.files(Path.of("rules"));
        data.forEach((key, text) -> {
            String path = key.replace("__", "/");
            assertTrue(RuleLoader.isRuleFile(path) && !path.startsWith("/") && !path.contains(".."), "key " + key);
            files.put(path, text.toString());
        });
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleSource> yaml = files.entrySet().stream().filter(e -> !e.getKey().endsWith(".drl"))
                .map(e -> new RuleSource(e.getKey(), e.getValue())).toList();
        RuleData.parse(yaml, problems);
        assertEquals(List.of(), problems);
        if (data.keySet().stream().anyMatch(k -> k.endsWith(".drl"))) { // a site rule compiles with the shipped ones
            new RuleLoader(new RuleCompiler()).compile(files, 1).compiled().container().dispose();
        }
    }
}
