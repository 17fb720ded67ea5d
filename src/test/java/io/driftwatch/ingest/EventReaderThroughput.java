package io.driftwatch.ingest;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: prints how many events per second one {@link EventReader} reads on one thread, from generated NDJSON
 * bodies of typical small events (a mix of every type, ~250 bytes each). Arguments: total events (default
 * 1,000,000) and events per body (default 10,000, a typical request; pass the total to read one huge body, which
 * mostly measures the garbage collector keeping a million events alive).
 *
 * <p>Two figures per round: wall clock, and the reading thread's own CPU time (leaves out GC threads and time the
 * machine gave to others, so it is the steadier one on a shared host).
 * {@code java -cp target/classes:target/test-classes:<jackson-core, -databind, -annotations> io.driftwatch.ingest.EventReaderThroughput}
 */
public final class EventReaderThroughput {

    private EventReaderThroughput() {}

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perBody = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<byte[]> bodies = new ArrayList<>();
        for (int made = 0; made < total; made += perBody) {
            bodies.add(generate(made, Math.min(perBody, total - made)));
        }
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        EventReader reader = new EventReader(new ReaderLimits(Math.max(perBody, 1), 1 << 20, 32, 64 << 10));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%,d events in %,d bodies, %,d bytes (%d bytes/event)%n", total, bodies.size(), bytes, bytes / total);
        for (int round = 1; round <= 8; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long read = 0;
            for (byte[] body : bodies) {
                ReadResult result = reader.read(body, EventReader.Format.NDJSON);
                if (!result.rejections().isEmpty()) {
                    throw new IllegalStateException("generated event rejected: " + result.rejections().get(0));
                }
                read += result.events().size();
            }
            long wall = System.nanoTime() - start;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("round %d%s: %,.0f events/s wall (%,.0f MB/s), %,.0f events/s per CPU-second of the reading thread%n",
                    round, round <= 3 ? " (warm-up)" : "", read * 1e9 / wall, bytes * 1e3 / wall, read * 1e9 / cpu);
        }
    }

    /** Five shapes in turn, each with its own agent, pid, port and second so that no two lines are equal. */
    static byte[] generate(int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 260);
        Instant base = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = first; i < first + count; i++) {
            String agent = "agent-" + (i % 10_000);
            String time = base.plusMillis(i * 7L).toString();
            String line = switch (i % 5) {
                case 0 -> """
                        {"id":"e%d","agentId":"%s","time":"%s","type":"process","process":{"exe":"/bin/bash","args":["bash","-c","id"],"pid":%d,"user":"app","parent":{"exe":"/usr/bin/python3","pid":%d},"ancestry":["/sbin/init","/usr/bin/python3"]},"container":{"id":"c%d","image":"shop/api:1.4"}}
                        """.formatted(i, agent, time, 1000 + i % 30_000, 900 + i % 30_000, i % 100);
                case 1 -> """
                        {"id":"e%d","agentId":"%s","time":"%s","type":"network","network":{"direction":"egress","protocol":"tcp","srcIp":"10.0.3.7","srcPort":%d,"dstIp":"203.0.113.%d","dstPort":443,"dstDomain":"api.example.com","bytesOut":5120,"bytesIn":880}}
                        """.formatted(i, agent, time, 30_000 + i % 30_000, i % 256);
                case 2 -> """
                        {"id":"e%d","agentId":"%s","time":"%s","type":"api","api":{"principal":"svc-deploy","operation":"iam:CreateAccessKey","resource":"user/ci","sourceIp":"198.51.100.%d","outcome":"success"}}
                        """.formatted(i, agent, time, i % 256);
                case 3 -> """
                        {"id":"e%d","agentId":"%s","time":"%s","type":"resource","resource":{"cpuCores":%d.25,"memoryBytes":%d,"netTxBytes":1048576,"netRxBytes":524288,"intervalSeconds":60}}
                        """.formatted(i, agent, time, i % 8, 500_000_000L + i);
                default -> """
                        {"id":"e%d","agentId":"%s","time":"%s","type":"module","process":{"exe":"/usr/bin/python3","pid":%d},"module":{"path":"/usr/lib/libssl.so.3","sha256":"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"}}
                        """.formatted(i, agent, time, 1000 + i % 30_000);
            };
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
