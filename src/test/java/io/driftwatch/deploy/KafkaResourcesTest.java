package io.driftwatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.driftwatch.deploy.DeployFiles.Doc;
import io.driftwatch.deploy.DeployFiles.YamlPath;

/** deploy/kafka: a KafkaTopic for every topic the service uses, kept long enough, and a user allowed exactly those. */
class KafkaResourcesTest {

    static final DeployFiles FILES = KubernetesManifestsTest.FILES;

    /** The service's default topic names, by setting. */
    static Map<String, String> serviceTopics() {
        Map<String, String> topics = new TreeMap<>();
        ConfigNames.DRIFTWATCH.forEach((name, value) -> {
            if (name.startsWith("driftwatch.kafka.topics.")) {
                topics.put(name, value);
            }
        });
        return topics;
    }

    static Map<String, Doc> topicsByName() {
        return FILES.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                d -> YamlPath.str(d.doc(), "spec", "topicName") == null ? d.name() : YamlPath.str(d.doc(), "spec", "topicName"),
                d -> d));
    }

    static Duration retention(String topic) {
        Object ms = YamlPath.at(topicsByName().get(topic).doc(), "spec", "config", "retention.ms");
        return Duration.ofMillis(((Number) ms).longValue());
    }

    @Test
    void everyTopicOfTheServiceHasItsKafkaTopicAndNoOtherIsDeclared() {
        assertEquals(6, serviceTopics().size(), "topics in DriftwatchConfig.Kafka.Topics: " + serviceTopics());
        assertEquals(new HashSet<>(serviceTopics().values()), topicsByName().keySet());
        Set<String> clusters = new HashSet<>();
        for (Doc t : FILES.ofKind("KafkaTopic")) {
            assertTrue(((Number) YamlPath.at(t.doc(), "spec", "partitions")).intValue() > 0, t + ": partitions");
            assertTrue(((Number) YamlPath.at(t.doc(), "spec", "replicas")).intValue() > 0, t + ": replicas");
            assertTrue(YamlPath.at(t.doc(), "spec", "config", "retention.ms") instanceof Number, t + ": retention.ms");
            clusters.add(YamlPath.str(t.doc(), "metadata", "labels", "strimzi.io/cluster"));
        }
        assertEquals(1, clusters.size(), "every topic belongs to one Kafka cluster: " + clusters);
    }

    @Test
    void deploymentRecordsOutliveTheBaselineWindowTheyExplainAndDeadLettersAreKeptLong() {
        Duration needed = ConfigNames.durationDefault("driftwatch.baseline.window")
                .plus(ConfigNames.durationDefault("driftwatch.deployments.correlation-window"));
        String deployments = ConfigNames.defaultOf("driftwatch.kafka.topics.deployments");
        assertTrue(retention(deployments).compareTo(needed) >= 0, deployments + " keeps records " + retention(deployments)
                + ", less than the baseline window plus the correlation window, " + needed);
        assertTrue(retention(deployments).compareTo(ConfigNames.durationDefault("driftwatch.deployments.retention")) >= 0,
                "the topic keeps records at least as long as the service does");
        String deadLetter = ConfigNames.defaultOf("driftwatch.kafka.topics.dead-letter");
        assertTrue(retention(deadLetter).compareTo(Duration.ofDays(30)) >= 0, deadLetter + ": " + retention(deadLetter));
    }

    @Test
    void theUserMayReadTheIntakeTopicsWriteAlertsAndDeadLettersAndUseItsGroup() {
        Doc user = FILES.one("KafkaUser", "driftwatch");
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (Map<String, Object> acl : YamlPath.maps(user.doc(), "spec", "authorization", "acls")) {
            String key = YamlPath.str(acl, "resource", "type") + ":" + YamlPath.str(acl, "resource", "name");
            allowed.computeIfAbsent(key, k -> new HashSet<>())
                    .addAll(YamlPath.list(acl.get("operations")).stream().map(Object::toString).toList());
        }
        for (String in : List.of("events", "k8s-audit", "cloudtrail", "deployments")) {
            String topic = ConfigNames.defaultOf("driftwatch.kafka.topics." + in);
            assertTrue(allowed.getOrDefault("topic:" + topic, Set.of()).contains("Read"), "read " + topic + ": " + allowed);
        }
        for (String out : List.of("alerts", "dead-letter")) {
            String topic = ConfigNames.defaultOf("driftwatch.kafka.topics." + out);
            assertTrue(allowed.getOrDefault("topic:" + topic, Set.of()).contains("Write"), "write " + topic + ": " + allowed);
        }
        Map<String, String> env = DeploymentSettingsTest.env();
        String group = env.getOrDefault("DRIFTWATCH_KAFKA_GROUP_ID", ConfigNames.defaultOf("driftwatch.kafka.group-id"));
        assertTrue(allowed.getOrDefault("group:" + group, Set.of()).contains("Read"), "the consumer group " + group);
        String cluster = YamlPath.str(user.doc(), "metadata", "labels", "strimzi.io/cluster");
        assertEquals(cluster, YamlPath.str(FILES.ofKind("KafkaTopic").get(0).doc(), "metadata", "labels", "strimzi.io/cluster"));
        assertTrue(env.get("DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS").startsWith(cluster + "-kafka-bootstrap."),
                "the Deployment reads from the cluster the topics are on (Strimzi's <cluster>-kafka-bootstrap service)");
        assertEquals("scram-sha-512", YamlPath.str(user.doc(), "spec", "authentication", "type"));
        assertEquals("SCRAM-SHA-512", env.get("DRIFTWATCH_KAFKA_PROPERTIES__SASL_MECHANISM__"));
    }
}
