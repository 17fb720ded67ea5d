package io.driftwatch.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.driftwatch.engine.RuleCompiler;
import io.driftwatch.engine.RuleInfo;
import io.driftwatch.engine.RuleLoader;
import io.driftwatch.engine.RuleSet;
import io.driftwatch.event.Event;

/**
 * Throughput, memory and detection quality on a synthetic fleet ({@link FleetGenerator}: 10,000 agents, 7 days
 * of baseline and a day with known anomalies) or on any NDJSON file in the event contract. Not a test: it
 * asserts nothing and prints its figures. Options: {@link BenchOptions#USAGE}.
 *
 * <p>Run it in its own JVM, so the heap it reports is the engine's and not Maven's (profile {@code bench}):
 * <pre>
 * mvn -q -Pbench test-compile exec:exec -Dbench.args="--mode in-process"
 * mvn -q -Pbench package exec:exec -DskipTests -Dbench.args="--mode http"
 * mvn -q -Pbench package exec:exec -DskipTests -Dbench.args="--mode kafka"
 * mvn -q -Pbench test-compile exec:exec -Dbench.args="--write target/fleet.ndjson"
 * mvn -q -Pbench test-compile exec:exec -Dbench.args="--read target/fleet.ndjson"
 * </pre>
 * {@code -Dbench.jvm="..."} replaces the benchmark JVM's options (default {@code -Xmx2g}).
 *
 * <p>In-process it measures (a) the engine alone, fed Event objects built before the clock starts, and (b) the
 * service's EventReader plus the engine, fed NDJSON bytes; over HTTP it starts the packaged service (or uses
 * {@code --url}) and posts NDJSON. Each prints events per second per day and overall, live heap after forced
 * GCs at checkpoints, and the alerts found against those injected: matched, missed, unexpected.
 */
public final class FleetBenchmark {

    /** Live heap is measured after these days, every fourth day, and after the last. */
    private static final Set<Integer> CHECKPOINT_DAYS = Set.of(1, 4, 7, 8);
    private static final PrintStream OUT = System.out;
    /** Held so the levels are not lost with a collected logger. */
    private static final List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        logLikeTheService();
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        OUT.printf("FleetBenchmark: %d cores, max heap %s, Java %s, load average %.2f (other work on the machine skews the figures)%n",
                Runtime.getRuntime().availableProcessors(), HeapProbe.mb(Runtime.getRuntime().maxMemory()),
                System.getProperty("java.version"), loadAverage());
        Workload workload;
        List<ExpectedAlerts.Pair> expected;
        if (o.read() != null) {
            FileWorkload file = new FileWorkload(o.read(), ExpectedAlerts.read(ExpectedAlerts.fileFor(o.read())));
            workload = file;
            expected = file.expected();
        } else {
            long t0 = System.nanoTime();
            workload = new GeneratedWorkload(new FleetGenerator(o.fleet()));
            expected = ExpectedAlerts.of(workload.anomalies());
            OUT.printf("fleet built in %.1f s; %d anomalies injected on day %d%s%n", (System.nanoTime() - t0) / 1e9,
                    workload.anomalies().size(), workload.days(), o.fleet().days() < FleetGenerator.MIN_DAYS_FOR_ANOMALIES
                            ? " (none: agents learn for 7 days, so anomalies need --days 8 or more)" : "");
        }
        if (o.write() != null) {
            write(workload, expected, o.write());
            return;
        }
        if (o.mode().equals("http")) {
            http(o, workload, expected);
        } else if (o.mode().equals("kafka")) {
            kafka(o, workload, expected);
        } else {
            inProcess(o, workload, expected);
        }
    }

    private static void inProcess(BenchOptions o, Workload workload, List<ExpectedAlerts.Pair> expected) {
        long t0 = System.nanoTime();
        RuleSet rules = new RuleLoader(new RuleCompiler()).load(o.rules(), 1);
        OUT.printf("rules compiled in %.1f s: %d rules from %s%n", (System.nanoTime() - t0) / 1e9,
                rules.compiled().rules().size(), o.rules().toAbsolutePath());
        checkRuleNames(rules, expected);
        OUT.printf("live heap before the first event: %s%n", HeapProbe.mb(HeapProbe.liveBytes()));
        RuleSet reload = o.reloadAtDay() > 0 ? new RuleLoader(new RuleCompiler()).load(o.rules(), 2) : null;
        InProcessRun run = new InProcessRun(rules, workload, o.batchSize(), o.inFlight(), CHECKPOINT_DAYS,
                o.histogram(), OUT, reload, o.reloadAtDay());
        StringBuilder summary = new StringBuilder("\n== summary\n");
        if (o.engine()) {
            summarize(run.engineOnly(), expected, summary);
        }
        if (o.parse()) {
            summarize(run.parseAndEngine(), expected, summary);
        }
        summary.append(String.format("load average at the end: %.2f%n", loadAverage()));
        OUT.print(summary);
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void summarize(InProcessRun.Result r, List<ExpectedAlerts.Pair> expected, StringBuilder summary) {
        summary.append(String.format("%s: %,.0f events/s (%,d events, %.2f s wall); live heap after the run %s%n",
                r.name(), r.eventsPerSecond(), r.events(), r.nanos() / 1e9, HeapProbe.mb(r.liveHeapAfter())));
        r.alerts().report(expected, summary);
    }

    private static void http(BenchOptions o, Workload workload, List<ExpectedAlerts.Pair> expected) throws Exception {
        ServiceProcess service = null;
        URI base;
        if (o.url() != null) {
            base = URI.create(o.url());
        } else {
            service = ServiceProcess.start(o.jar(), o.rules(), o.serverJvm(), OUT);
            base = service.base();
        }
        try {
            HttpRun run = new HttpRun(base, workload, o.batchSize(), o.connections(),
                    java.time.Duration.ofMinutes(o.maxSpanMinutes()), OUT);
            long[] sent = run.send();
            StringBuilder summary = new StringBuilder("\n== summary\n");
            summary.append(String.format("http: %,.0f events/s (%,d events, %.2f s wall)%n", sent[0] / (sent[1] / 1e9),
                    sent[0], sent[1] / 1e9));
            if (service != null) {
                String heap = service.liveHeap();
                summary.append("service heap after GC (jcmd GC.heap_info): ").append(heap).append('\n');
            }
            run.alerts().report(expected, summary);
            summary.append(String.format("load average at the end: %.2f%n", loadAverage()));
            OUT.print(summary);
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    /** A broker in this JVM, the packaged service consuming from it, the workload produced to it. */
    private static void kafka(BenchOptions o, Workload workload, List<ExpectedAlerts.Pair> expected) throws Exception {
        String topic = "driftwatch.events";
        try (io.driftwatch.kafka.KafkaBroker broker = new io.driftwatch.kafka.KafkaBroker().start()) {
            broker.createTopic(topic, o.partitions());
            OUT.printf("%n== kafka: %s%n   topic %s, %d partitions, one record per event%n", workload.description(),
                    topic, o.partitions());
            KafkaRun run = new KafkaRun(workload, broker.bootstrapServers(), topic, OUT);
            long events = run.produce();
            List<String> jvm = new java.util.ArrayList<>(o.serverJvm());
            jvm.add("-Ddriftwatch.kafka.enabled=true");
            jvm.add("-Ddriftwatch.kafka.bootstrap-servers=" + broker.bootstrapServers());
            try (ServiceProcess service = ServiceProcess.start(o.jar(), o.rules(), jvm, OUT)) {
                long nanos = run.awaitProcessed(service.base(), events);
                StringBuilder summary = new StringBuilder("\n== summary\n");
                summary.append(String.format("kafka: %,.0f events/s (%,d events read, judged and stored in %.2f s, "
                        + "from the service's first processed event to its last)%n", events / (nanos / 1e9), events,
                        nanos / 1e9));
                summary.append("service heap after GC (jcmd GC.heap_info): ").append(service.liveHeap()).append('\n');
                run.alerts(service.base()).report(expected, summary);
                summary.append(String.format("load average at the end: %.2f%n", loadAverage()));
                OUT.print(summary);
            }
        }
    }

    private static void write(Workload workload, List<ExpectedAlerts.Pair> expected, Path file) throws Exception {
        long events = 0;
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder line = new StringBuilder(512);
            for (int d = 0; d < workload.days(); d++) {
                for (Event e : workload.events(d)) {
                    line.setLength(0);
                    NdjsonWriter.append(line, e);
                    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                    events++;
                }
            }
        }
        Path expectedFile = ExpectedAlerts.fileFor(file);
        ExpectedAlerts.write(expectedFile, workload.description(), events, expected);
        OUT.printf("wrote %,d events (%,d MB) to %s in %.1f s, and %d expected alerts to %s%n", events,
                Files.size(file) >> 20, file, (System.nanoTime() - t0) / 1e9, expected.size(), expectedFile);
    }

    /**
     * The service runs JBoss LogManager with Drools at WARN (application.properties); without that, Drools
     * builds a DEBUG record at every fireAllRules, which the service never pays for.
     */
    static void logLikeTheService() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        for (String name : List.of("org.drools", "org.kie")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(logger);
        }
    }

    /** A renamed rule would make every expectation on it a miss; say so up front. */
    private static void checkRuleNames(RuleSet rules, List<ExpectedAlerts.Pair> expected) {
        if (expected == null) {
            return;
        }
        Set<String> names = new java.util.HashSet<>();
        for (RuleInfo r : rules.compiled().rules()) {
            names.add(r.name());
        }
        expected.stream().map(ExpectedAlerts.Pair::rule).distinct().filter(r -> !names.contains(r))
                .forEach(r -> OUT.println("WARNING: the rule set has no rule named \"" + r + "\""));
    }
}
