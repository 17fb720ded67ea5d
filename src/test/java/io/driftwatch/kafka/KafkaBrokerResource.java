package io.driftwatch.kafka;

import java.util.Arrays;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An in-JVM Kafka broker for a @QuarkusTest, and the service pointed at it. Topics are created before the service
 * starts, from the init argument {@code topics} ("events:4,alerts:1", name:partitions); a test field annotated
 * {@link InjectKafkaBroker} receives the broker, to create more topics or restart it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPICS = "topics";

    private String topics = "";
    private KafkaBroker broker;

    @Override
    public void init(Map<String, String> args) {
        topics = args.getOrDefault(TOPICS, "");
    }

    @Override
    public Map<String, String> start() {
        broker = new KafkaBroker().start();
        Arrays.stream(topics.split(",")).map(String::strip).filter(topic -> !topic.isEmpty()).forEach(topic -> {
            String[] nameAndPartitions = topic.split(":");
            broker.createTopic(nameAndPartitions[0],
                    nameAndPartitions.length > 1 ? Integer.parseInt(nameAndPartitions[1]) : 1);
        });
        return Map.of("driftwatch.kafka.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class,
                KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
