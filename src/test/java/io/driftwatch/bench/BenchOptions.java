package io.driftwatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link FleetBenchmark}; see {@link #USAGE}. */
record BenchOptions(String mode, int partitions, FleetGenerator.Settings fleet, Path read, Path write, Path rules, Integer batch,
                    int inFlight, int histogram, int connections, int maxSpanMinutes, String url, Path jar, List<String> serverJvm, boolean engine,
                    boolean parse, int reloadAtDay) {

    static final String USAGE = """
            FleetBenchmark [options]
              --mode in-process|http|kafka  default in-process
              --partitions N              Kafka mode: partitions of the events topic; default 8
              --agents N                  default 10000
              --days N                    default 8 (7 days of baseline, the last day carries the anomalies)
              --events-per-agent-day N    default 100 (a floor of ~85-115 comes from the fixed schedule)
              --anomalies-per-kind N      default 10
              --seed N                    default 42
              --write FILE.ndjson         write the generated workload and FILE.expected.json, then exit
              --read FILE.ndjson          use an NDJSON file in the event contract (and FILE.expected.json if present)
              --rules DIR                 default rules
              --batch N                   events per engine batch / HTTP request; default 8000 / 5000
              --in-flight N               engine batches in flight (in-process); default 8
              --measure engine,parse      in-process passes to run; default both
              --histogram N               print the top N classes of the live heap at each checkpoint (jcmd)
              --reload-at-day N           in-process, engine only: halfway through day N activate a freshly compiled
                                          copy of the rules on the live engine (hot reload) and print how long it took
              --connections N             concurrent HTTP connections; default 3
              --max-span-minutes N        event time one round of concurrent requests may span; default 30
              --url URL                   use a running service instead of starting one
              --jar PATH                  default target/quarkus-app/quarkus-run.jar
              --server-jvm "OPTS"         JVM options of the started service; default "-Xmx2g"
            """;

    static BenchOptions parse(String[] args) {
        FleetGenerator.Settings d = FleetGenerator.Settings.defaults();
        String mode = "in-process";
        long seed = d.seed();
        int agents = d.agents();
        int days = d.days();
        int perDay = d.eventsPerAgentDay();
        int anomalies = d.anomaliesPerKind();
        Path read = null;
        Path write = null;
        Path rules = Path.of("rules");
        Integer batch = null;
        int inFlight = 8;
        int histogram = 0;
        int connections = 3;
        int partitions = 8;
        int maxSpan = 30;
        int reloadAtDay = 0;
        String url = null;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        List<String> serverJvm = List.of("-Xmx2g");
        String measure = "engine,parse";
        List<String> list = new ArrayList<>();
        for (String a : args) {
            list.addAll(Arrays.asList(a.trim().split("\\s+(?=--)"))); // -Dbench.args arrives as one string
        }
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i);
            if (name.isBlank()) {
                continue;
            }
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                String[] parts = name.split("\\s+", 2);
                name = parts[0];
                value = parts.length > 1 ? parts[1] : (i + 1 < list.size() ? list.get(++i) : null);
            }
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            switch (name) {
                case "--mode" -> mode = value;
                case "--agents" -> agents = Integer.parseInt(value);
                case "--days" -> days = Integer.parseInt(value);
                case "--events-per-agent-day" -> perDay = Integer.parseInt(value);
                case "--anomalies-per-kind" -> anomalies = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--read" -> read = Path.of(value);
                case "--write" -> write = Path.of(value);
                case "--rules" -> rules = Path.of(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--in-flight" -> inFlight = Integer.parseInt(value);
                case "--measure" -> measure = value;
                case "--histogram" -> histogram = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--max-span-minutes" -> maxSpan = Integer.parseInt(value);
                case "--reload-at-day" -> reloadAtDay = Integer.parseInt(value);
                case "--url" -> url = value;
                case "--jar" -> jar = Path.of(value);
                case "--server-jvm" -> serverJvm = Arrays.asList(value.trim().replaceAll("^\"|\"$", "").split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (!mode.equals("in-process") && !mode.equals("http") && !mode.equals("kafka")) {
            throw new IllegalArgumentException("--mode is in-process, http or kafka\n" + USAGE);
        }
        return new BenchOptions(mode, partitions, new FleetGenerator.Settings(seed, agents, days, perDay, anomalies), read, write,
                rules, batch, inFlight, histogram, connections, maxSpan, url, jar, serverJvm, measure.contains("engine"),
                measure.contains("parse"), reloadAtDay);
    }

    int batchSize() {
        return batch != null ? batch : mode.equals("http") ? 5_000 : 8_000;
    }
}
