package io.driftwatch.ingest;

/** One example per event type, for the OpenAPI document (the README shows the same). */
final class EventExamples {

    private EventExamples() {
    }

    static final String PROCESS = """
            {"id": "evt-1", "agentId": "web-7", "time": "2026-11-20T10:00:00Z", "type": "process",
             "process": {"exe": "/bin/bash", "args": ["-c", "id"], "pid": 4242, "user": "app",
                         "parent": {"exe": "/usr/bin/python3", "pid": 4100},
                         "ancestry": ["/usr/bin/python3", "/usr/bin/containerd-shim"]},
             "container": {"id": "c1", "image": "ghcr.io/acme/agent:1.4", "imageDigest": "sha256:4f1c..."}}""";

    static final String NETWORK = """
            {"agentId": "web-7", "time": "2026-11-20T10:00:01Z", "type": "network",
             "process": {"exe": "/usr/bin/python3"},
             "network": {"direction": "outbound", "protocol": "tcp", "srcIp": "10.0.3.7", "srcPort": 43122,
                         "dstIp": "203.0.113.50", "dstPort": 443, "dstDomain": "updates.example.net",
                         "bytesOut": 5120, "bytesIn": 880}}""";

    static final String MODULE = """
            {"agentId": "web-7", "time": "2026-11-20T10:00:02Z", "type": "module",
             "process": {"exe": "/usr/bin/python3"},
             "module": {"path": "/usr/lib/x86_64-linux-gnu/libssl.so.3",
                        "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}""";

    static final String API = """
            {"agentId": "web-7", "time": "2026-11-20T10:00:03Z", "type": "api",
             "api": {"principal": "system:serviceaccount:shop:web", "operation": "get secrets",
                     "resource": "shop/db-password", "sourceIp": "10.0.3.7", "outcome": "success"}}""";

    static final String RESOURCE = """
            {"agentId": "web-7", "time": "2026-11-20T10:01:00Z", "type": "resource",
             "resource": {"cpuCores": 0.35, "memoryBytes": 268435456, "netTxBytes": 1048576,
                          "netRxBytes": 2097152, "intervalSeconds": 60}}""";

    static final String CONFIG = """
            {"agentId": "prod-cluster", "time": "2026-11-20T10:02:00Z", "type": "config",
             "config": {"kind": "ClusterRoleBinding", "id": "ops-admin", "change": "create",
                        "before": null, "after": {"roleRef": {"name": "cluster-admin"}}, "actor": "alice"}}""";
}
