package io.driftwatch.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.alert.AlertClosure;
import io.driftwatch.alert.Detection;
import io.driftwatch.alert.DetectionListener;
import io.driftwatch.drift.ApprovedConfig;
import io.driftwatch.drift.ConfigObject;
import io.driftwatch.drift.ApprovalStore;
import io.driftwatch.engine.Engine;
import io.driftwatch.engine.EngineSettings;
import io.driftwatch.engine.RuleCompiler;
import io.driftwatch.engine.RuleLoader;
import io.driftwatch.engine.RuleSet;
import io.driftwatch.event.Event;
import io.driftwatch.baseline.BaselineSettings;
import io.driftwatch.ingest.ReadResult;
import io.driftwatch.ingest.ReaderLimits;
import io.driftwatch.ingest.k8s.K8sAuditReader;
import io.driftwatch.ingest.cloudtrail.CloudTrailReader;
import io.driftwatch.store.CheckpointStore;
import io.driftwatch.store.ConfigStateStore;
import io.driftwatch.engine.ShardCheckpoint;

/**
 * Throughput of the configuration feeds: Kubernetes audit NDJSON and CloudTrail NDJSON, read and judged. The
 * workload is 20 clusters with approved Deployments, where 90% of audit records are reads (api events) and
 * 10% writes (Deployment patches that keep the approved image, and about 1 in 100 that switch it to a tag and
 * are reverted by the next patch), and 20 accounts whose records are 90% describes and 10% security-group
 * authorizations and their revocations (1 group in 10 opened to the world). It prints
 * records/s for the reader alone, reader + engine with the running state kept in memory only, and reader +
 * engine writing the running state through to an H2 file database as the service does. Not a test: it asserts
 * nothing. {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=io.driftwatch.bench.FeedsBenchmark}
 */
public final class FeedsBenchmark {

    private static final int CLUSTERS = 20;
    private static final int DEPLOYMENTS = 200;
    private static final int AUDIT_RECORDS = 400_000;
    private static final int TRAIL_RECORDS = 200_000;
    private static final int BATCH = 5_000;
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private FeedsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FleetBenchmark.logLikeTheService();
        RuleSet rules = new RuleLoader(new RuleCompiler()).load(Path.of("rules"), 1);
        ApprovedConfig approved = approvedDeployments();
        List<byte[]> audit = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            audit.add(auditLog(c)); // one body per cluster: each cluster's webhook posts its own
        }
        byte[] trail = cloudTrail();
        ReaderLimits limits = new ReaderLimits(1_000_000, 1 << 20, 32, 64 << 10);
        System.out.printf("FeedsBenchmark: %d cores, Java %s; %d audit records (%.0f MB), %d CloudTrail records (%.0f MB)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), AUDIT_RECORDS,
                audit.stream().mapToInt(b -> b.length).sum() / 1e6, TRAIL_RECORDS, trail.length / 1e6);
        for (int round = 1; round <= 2; round++) { // the first round warms the JIT
            System.out.printf("round %d%n", round);
            List<Event> auditEvents = read("k8s-audit reader", AUDIT_RECORDS, () -> {
                List<ReadResult.Indexed> all = new ArrayList<>();
                List<ReadResult.Rejection> rejected = new ArrayList<>();
                for (int c = 0; c < CLUSTERS; c++) {
                    ReadResult r = new K8sAuditReader("cluster-" + c, limits).read(audit.get(c), true);
                    all.addAll(r.events());
                    rejected.addAll(r.rejections());
                }
                return new ReadResult(all, rejected);
            });
            List<Event> trailEvents = read("cloudtrail reader", TRAIL_RECORDS,
                    () -> new CloudTrailReader(limits).read(trail, true));
            judge("k8s-audit engine", auditEvents, rules, approved, null);
            judge("cloudtrail engine", trailEvents, rules, approved, null);
            Path db = Files.createTempDirectory(Path.of("target"), "feeds-bench-");
            CheckpointStore store = h2Store(db);
            judge("k8s-audit engine + checkpoint to H2", auditEvents, rules, approved, store);
            judge("cloudtrail engine + checkpoint to H2", trailEvents, rules, approved, store);
        }
    }

    private interface Read {
        ReadResult run();
    }

    private static List<Event> read(String what, int records, Read read) {
        long t = System.nanoTime();
        ReadResult r = read.run();
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("  %-42s %,9.0f records/s (%d events, %d rejected)%n", what, records / s, r.events().size(),
                r.rejectedCount());
        return r.events().stream().map(ReadResult.Indexed::event).toList();
    }

    /** @param checkpoints where the running state is checkpointed after the run (as the service does), or null */
    private static void judge(String what, List<Event> events, RuleSet rules, ApprovedConfig approved,
                              CheckpointStore checkpoints) throws Exception {
        AtomicLong detections = new AtomicLong();
        AtomicLong closures = new AtomicLong();
        DetectionListener listener = new DetectionListener() {
            @Override
            public void onDetections(List<Detection> d) {
                detections.addAndGet(d.size());
            }

            @Override
            public void onClosures(List<AlertClosure> c) {
                closures.addAndGet(c.size());
            }
        };
        EngineSettings s = EngineSettings.defaults();
        try (Engine engine = new Engine(new EngineSettings(Runtime.getRuntime().availableProcessors(), s.queueEvents(),
                s.allowedLateness(), s.dedupWindow(), s.dedupCapacity()), BaselineSettings.defaults(), rules, listener,
                approved, ApprovalStore.NONE)) {
            engine.start();
            long t = System.nanoTime();
            for (int i = 0; i < events.size(); i += BATCH) {
                engine.submit(events.subList(i, Math.min(events.size(), i + BATCH)), 60_000).get();
            }
            double sec = (System.nanoTime() - t) / 1e9;
            System.out.printf("  %-42s %,9.0f events/s (%d drift detections, %d closures)%n", what, events.size() / sec,
                    detections.get(), closures.get());
            if (checkpoints != null) {
                long c = System.nanoTime();
                List<ShardCheckpoint> parts = engine.checkpoint().stream().map(java.util.concurrent.CompletableFuture::join).toList();
                java.util.Map<String, byte[]> baselines = new java.util.HashMap<>();
                List<io.driftwatch.drift.ObservedChange> observed = new java.util.ArrayList<>();
                java.util.Map<Integer, byte[]> sessions = new java.util.HashMap<>();
                for (ShardCheckpoint p : parts) {
                    baselines.putAll(p.baselines());
                    observed.addAll(p.observed());
                    if (p.session() != null) {
                        sessions.put(p.shard(), p.session());
                    }
                }
                checkpoints.save(new CheckpointStore.Checkpoint(0, baselines, observed, sessions, parts.size()), 0);
                System.out.printf("  %-42s %,9d objects in %,d ms%n", "  its checkpoint (running state)", observed.size(),
                        (System.nanoTime() - c) / 1_000_000);
            }
        }
    }

    private static String image(int d, boolean drifted) {
        return drifted ? "registry.example/app-" + d + ":latest"
                : "registry.example/app-" + d + "@sha256:" + String.format("%064x", d);
    }

    private static String deployment(int d, boolean drifted, int replicas) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app-" + d + "\",\"namespace\":\"ns-"
                + (d % 10) + "\"},\"spec\":{\"replicas\":" + replicas + ",\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\""
                + image(d, drifted) + "\"}]}}}}";
    }

    private static ApprovedConfig approvedDeployments() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ApprovedConfig approved = new ApprovedConfig();
        for (int c = 0; c < CLUSTERS; c++) {
            for (int d = 0; d < DEPLOYMENTS; d++) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> state = json.readValue(deployment(d, false, 3), java.util.Map.class);
                approved.put(new ApprovedConfig.Approval(new ConfigObject("cluster-" + c, "Deployment",
                        "ns-" + (d % 10) + "/app-" + d, "ns-" + (d % 10), "app-" + d, state), "bench", "bench", T0, null));
            }
        }
        return approved;
    }

    private static byte[] auditLog(int cluster) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int writes = 0;
        for (int i = cluster; i < AUDIT_RECORDS; i += CLUSTERS) {
            String t = T0.plusMillis(i * 10L).toString();
            String line;
            if ((i / CLUSTERS) % 10 == 0) {
                int d = writes % DEPLOYMENTS;
                boolean drift = writes++ % 97 == 0; // about 1% of patches switch to a tag; the next patch of it reverts
                line = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a" + i + "\",\"stage\":\"ResponseComplete\","
                        + "\"verb\":\"patch\",\"user\":{\"username\":\"deployer\"},\"sourceIPs\":[\"10.0.0.1\"],\"objectRef\":{\"resource\":"
                        + "\"deployments\",\"namespace\":\"ns-" + (d % 10) + "\",\"name\":\"app-" + d + "\",\"apiGroup\":\"apps\",\"apiVersion\":\"v1\"},"
                        + "\"responseStatus\":{\"code\":200},\"responseObject\":" + deployment(d, drift, 3 + i % 5)
                        + ",\"stageTimestamp\":\"" + t + "\"}";
            } else {
                line = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a" + i + "\",\"stage\":\"ResponseComplete\","
                        + "\"verb\":\"get\",\"user\":{\"username\":\"system:serviceaccount:ns-1:app\"},\"sourceIPs\":[\"10.0.0.2\"],"
                        + "\"objectRef\":{\"resource\":\"configmaps\",\"namespace\":\"ns-1\",\"name\":\"cfg-" + (i % 50) + "\",\"apiVersion\":\"v1\"},"
                        + "\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"" + t + "\"}";
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] cloudTrail() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < TRAIL_RECORDS; i++) {
            String account = String.format("1111%08d", i % 20);
            String t = T0.plusMillis(i * 10L).toString().replaceAll("\\.\\d+Z$", "Z");
            String head = "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + t + "\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"10.0.0.9\","
                    + "\"recipientAccountId\":\"" + account + "\",\"eventID\":\"e" + i + "\",\"userIdentity\":{\"type\":\"IAMUser\","
                    + "\"arn\":\"arn:aws:iam::" + account + ":user/ci\",\"accountId\":\"" + account + "\"},";
            String line;
            if (i % 20 < 2) {
                // each account's groups take turns: authorized in one pass, revoked in the next; 1 in 10 to the world
                int change = i / 20;
                int group = change % 40;
                String name = (change / 40) % 2 == 0 ? "AuthorizeSecurityGroupIngress" : "RevokeSecurityGroupIngress";
                String cidr = group % 10 == 0 ? "0.0.0.0/0" : "10.1.0.0/16";
                line = head + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"" + name + "\",\"requestParameters\":{\"groupId\":\"sg-"
                        + group + "\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,"
                        + "\"ipRanges\":{\"items\":[{\"cidrIp\":\"" + cidr + "\"}]}}]}}}";
            } else {
                line = head + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"requestParameters\":{\"maxResults\":50}}";
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static CheckpointStore h2Store(Path dir) throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("driftwatch") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1;WRITE_DELAY=0"); // open as in a pool; written as the service writes
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String migration : List.of("V1__alerts_and_baselines.sql", "V3__configuration_state.sql", "V6__event_journal.sql")) {
                String schema = Files.readString(Path.of("src/main/resources/db/migration", migration));
                for (String statement : schema.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
        }
        CheckpointStore store = new CheckpointStore(ds, new ConfigStateStore(ds, new ObjectMapper()));
        store.openCut();
        return store;
    }
}
