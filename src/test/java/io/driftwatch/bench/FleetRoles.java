package io.driftwatch.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The workloads a synthetic fleet is made of. Every agent of a role shares the role's lineages, modules,
 * destinations and principals; an agent adds a few destinations of its own and its own resource band.
 */
final class FleetRoles {

    static final String SHIM = "/usr/bin/containerd-shim-runc-v2";

    /** A parent -> child process pair the role starts every day. */
    record Lineage(String parent, String exe, List<String> args) {}

    /** A module the role's main executable loads every day, with its fixed hash. */
    record Module(String path, String sha256) {}

    /** An API principal of the role and the operations it performs every day (never a sensitive one). */
    record Principal(String name, List<String> operations) {}

    /**
     * @param share     fraction of the fleet
     * @param ipNets    /24 networks (first three octets) the role reaches by address alone, the host rotating
     * @param cpu       normal CPU cores, low and high end of the role's band (an agent picks a narrow band inside)
     * @param egress    normal egress bytes per second, low and high end
     */
    record Role(String name, String prefix, double share, String mainExe, List<Lineage> lineages, List<Module> modules,
                List<String> domains, List<String> ipNets, List<Principal> principals, double[] cpu, double[] egress) {}

    static final List<Role> ALL = List.of(
            new Role("web", "web-", 0.35, "/usr/sbin/nginx",
                    List.of(lineage(SHIM, "/usr/sbin/nginx", "-g", "daemon off;"),
                            lineage("/usr/sbin/nginx", "/usr/sbin/nginx", "-s", "reload"),
                            lineage("/bin/sh", "/usr/bin/curl", "-fsS", "http://127.0.0.1/healthz"),
                            lineage("/usr/sbin/cron", "/usr/sbin/logrotate", "/etc/logrotate.conf"),
                            lineage("/usr/sbin/logrotate", "/bin/gzip", "-9")),
                    modules("web", "/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3",
                            "/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0", "/usr/lib/x86_64-linux-gnu/libz.so.1"),
                    List.of("api.internal.example.com", "auth.internal.example.com", "cdn.jsdelivr.net",
                            "security.ubuntu.com", "archive.ubuntu.com"),
                    List.of("52.95.110", "13.224.5"),
                    List.of(new Principal("system:serviceaccount:shop:web", List.of("get configmaps", "get endpoints"))),
                    new double[] {0.15, 0.60}, new double[] {40_000, 400_000}),
            new Role("worker", "worker-", 0.25, "/usr/bin/java",
                    List.of(lineage(SHIM, "/usr/bin/java", "-jar", "/app/worker.jar"),
                            lineage("/usr/bin/java", "/bin/sh", "-c", "/app/bin/rotate-tmp"),
                            lineage("/bin/sh", "/usr/bin/find", "/tmp", "-mtime", "+1", "-delete"),
                            lineage("/usr/sbin/cron", "/usr/sbin/logrotate", "/etc/logrotate.conf")),
                    modules("worker", "/usr/lib/jvm/java-17/lib/server/libjvm.so", "/usr/lib/jvm/java-17/lib/libnet.so",
                            "/usr/lib/jvm/java-17/lib/libnio.so", "/usr/lib/jvm/java-17/lib/libzip.so"),
                    List.of("kafka-0.kafka.internal.example.com", "kafka-1.kafka.internal.example.com",
                            "sqs.eu-west-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"),
                    List.of("52.218.0", "3.5.140"),
                    List.of(new Principal("arn:aws:iam::123456789012:role/worker", List.of("sqs:ReceiveMessage", "s3:GetObject")),
                            new Principal("system:serviceaccount:batch:worker", List.of("list jobs"))),
                    new double[] {0.5, 1.5}, new double[] {100_000, 1_000_000}),
            new Role("db-client", "dbc-", 0.20, "/usr/local/bin/orders-svc",
                    List.of(lineage(SHIM, "/usr/local/bin/orders-svc", "--config", "/etc/orders.yaml"),
                            lineage("/usr/local/bin/orders-svc", "/usr/bin/pg_isready", "-h", "orders-db"),
                            lineage("/usr/sbin/cron", "/usr/sbin/logrotate", "/etc/logrotate.conf")),
                    modules("db-client", "/usr/lib/x86_64-linux-gnu/libpq.so.5", "/usr/lib/x86_64-linux-gnu/libssl.so.3",
                            "/usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2"),
                    List.of("orders-db.internal.example.com", "orders-db-replica.internal.example.com",
                            "vault.internal.example.com"),
                    List.of("10.20.30"),
                    List.of(new Principal("system:serviceaccount:orders:orders-svc", List.of("get configmaps", "get leases"))),
                    new double[] {0.2, 0.8}, new double[] {20_000, 200_000}),
            new Role("python", "py-", 0.20, "/usr/bin/python3",
                    List.of(lineage(SHIM, "/usr/bin/python3", "-m", "trainer"),
                            lineage("/usr/bin/python3", "/usr/bin/git", "fetch", "--quiet"),
                            lineage("/usr/bin/python3", "/usr/bin/python3", "-m", "trainer.worker"),
                            lineage("/usr/sbin/cron", "/usr/sbin/logrotate", "/etc/logrotate.conf")),
                    modules("python", "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
                            "/usr/lib/x86_64-linux-gnu/libffi.so.8",
                            "/usr/lib/python3/dist-packages/numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so",
                            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0"),
                    List.of("pypi.org", "files.pythonhosted.org", "github.com", "features.ml.internal.example.com"),
                    List.of("140.82.112", "151.101.0"),
                    List.of(new Principal("arn:aws:iam::123456789012:role/ml-trainer", List.of("s3:GetObject", "s3:PutObject")),
                            new Principal("system:serviceaccount:ml:trainer", List.of("get configmaps"))),
                    new double[] {1.0, 3.0}, new double[] {200_000, 2_000_000}));

    private FleetRoles() {
    }

    private static Lineage lineage(String parent, String exe, String... args) {
        return new Lineage(parent, exe, List.of(args));
    }

    private static List<Module> modules(String role, String... paths) {
        return java.util.Arrays.stream(paths).map(p -> new Module(p, sha256(role + ":" + p))).toList();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
