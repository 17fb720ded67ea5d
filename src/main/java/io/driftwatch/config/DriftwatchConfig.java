package io.driftwatch.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Driftwatch setting, typed, with defaults that run on a fresh machine. */
@ConfigMapping(prefix = "driftwatch")
public interface DriftwatchConfig {

    Rules rules();

    Engine engine();

    Baseline baseline();

    Ingest ingest();

    Drift drift();

    Deployments deployments();

    Auth auth();

    Journal journal();

    Kafka kafka();

    Alerts alerts();

    Exceptions exceptions();

    /** How recurrences count where a rule's {@code @dedupWindow} / {@code @suppressFor} say nothing. */
    interface Alerts {
        /** How long after its first occurrence an alert gathers recurrences; unset: as long as it is worked on. */
        java.util.Optional<Duration> dedupWindow();

        /** After a published occurrence, recurrences within this are counted quietly (not published again). */
        @WithDefault("0s")
        Duration suppressFor();

        /** After a dismissal, recurrences within this count quietly on the dismissed alert; then a new alert opens. */
        @WithDefault("24h")
        Duration dismissedQuiet();
    }

    /** Exceptions: accepted behaviour, scoped and time-limited. */
    interface Exceptions {
        /** The longest an exception may run: its expiry must lie within this of its creation or last edit. */
        @WithDefault("90d")
        Duration maxExpiry();

        /** Whether a new exception is revoked when a verified deployment record for its scope arrives, unless it says. */
        @WithDefault("true")
        boolean revokeOnRedeploy();

        /** How often expired exceptions are retired (they stop suppressing at their expiry in event time anyway). */
        @WithDefault("1m")
        Duration sweepInterval();
    }

    Webhooks webhooks();

    Stream stream();

    Evidence evidence();

    Audit audit();

    /** The hash-chained audit log. */
    interface Audit {
        /** How often the whole chain is walked (also on every GET /audit/verify and evidence report). */
        @WithDefault("1h")
        Duration verifyInterval();
    }

    /**
     * Outbound webhooks: every alert opened, suppressed or closed is POSTed to each URL as an OCSF Detection Finding,
     * signed with HMAC-SHA256, at least once (an outbox row written with the alert), retried with exponential
     * backoff. Off while no URL is set.
     */
    interface Webhooks {
        Optional<java.util.List<String>> urls();

        /** The HMAC-SHA256 key each delivery is signed with; required when URLs are set (the service refuses to start). */
        Optional<String> secret();

        /** Attempts per delivery before it is given up (kept in the outbox table, marked failed, logged). */
        @WithDefault("10")
        int maxAttempts();

        /** The wait after the first failure; each further failure doubles it, up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** Connect and answer timeout of one delivery. */
        @WithDefault("10s")
        Duration timeout();

        /** How often the outbox is looked at for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    /** The server-sent-events stream of alert changes (GET /alerts/stream). */
    interface Stream {
        /** How often the audit log is read for new alert changes to push; one reader serves every client. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    /** The compliance evidence report (GET /evidence). */
    interface Evidence {
        /** How often the events counted per agent and day are added to the database (and at shutdown). */
        @WithDefault("30s")
        Duration coverageFlushInterval();
    }

    /** Kafka ingestion (production); off by default, so the embedded default needs no broker. */
    interface Kafka {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("localhost:9092")
        String bootstrapServers();

        /** Instances with the same group id split the partitions between them. */
        @WithDefault("driftwatch")
        String groupId();

        Topics topics();

        /** Records fetched per poll: the batch the engine gets at once. */
        @WithDefault("10000")
        int maxPollRecords();

        /** Any other client setting (security.protocol, sasl.*, ssl.*), for the consumer and the producer. */
        Map<String, String> properties();

        /**
         * Several instances share the partitions, the PostgreSQL database and therefore the agents (README,
         * "Scaling out"): an agent's state is loaded when its partition arrives and dropped when it leaves,
         * events posted over REST go to the events topic, and rules and deployment records follow the database.
         */
        ScaleOut scaleOut();

        interface ScaleOut {
            @WithDefault("false")
            boolean enabled();

            /** How often an instance looks for rule versions and deployment records written by another. */
            @WithDefault("2s")
            java.time.Duration followInterval();
        }

        interface Topics {
            /** Normalized events, one JSON event per record, key = agentId. */
            @WithDefault("driftwatch.events")
            String events();

            /** Kubernetes audit events as the API server writes them; header {@code cluster} names the agent. */
            @WithDefault("driftwatch.k8s-audit")
            String k8sAudit();

            /** CloudTrail records (one per record, or a log file). */
            @WithDefault("driftwatch.cloudtrail")
            String cloudtrail();

            /** Falco alerts as falcosidekick or Falco's http_output posts them; the alert's hostname names the agent. */
            @WithDefault("driftwatch.falco")
            String falco();

            /** Tetragon JSON export lines, one per record; node_name names the agent. */
            @WithDefault("driftwatch.tetragon")
            String tetragon();

            /** Sysmon events as JSON (Winlogbeat/ECS or flat); the computer names the agent. */
            @WithDefault("driftwatch.sysmon")
            String sysmon();

            /** Signed deployment records from CI/CD: the body of {@code POST /deployments}, its signature in header X-Driftwatch-Signature. */
            @WithDefault("driftwatch.deployments")
            String deployments();

            /** Alerts out, key = agentId: each alert as stored (the GET /alerts/{id} JSON) whenever it opens, counts again or closes. */
            @WithDefault("driftwatch.alerts")
            String alerts();

            /** Every record that cannot be read or validated, with the reason and where it came from in headers. */
            @WithDefault("driftwatch.dead-letter")
            String deadLetter();
        }
    }

    /** Where accepted batches are journaled before they are processed (see README, "Crashes and restarts"). */
    interface Journal {
        /** {@code files} or {@code database}; default: files on H2, the database on PostgreSQL. */
        Optional<String> store();

        /** The directory of the journal files. */
        @WithDefault("data/journal")
        String dir();

        /** A journal file is closed and a new one started at this size; files a checkpoint covers are deleted. */
        @WithDefault("67108864")
        long segmentBytes();

        /** Sync each record to disk before the batch is processed: survives power loss, not only a killed process. */
        @WithDefault("true")
        boolean fsync();
    }

    /** The database this run uses: {@code h2} (embedded, the default) or {@code postgresql} (the production profile). */
    @WithDefault("h2")
    String database();

    /**
     * A bootstrap admin token for automation (DRIFTWATCH_ADMIN_TOKEN). Without one, the first start generates an
     * admin token and stores only its hash (see {@link Auth#tokenFile()}).
     */
    Optional<String> adminToken();

    interface Rules {
        /** Directory holding **&#47;*.drl and the allowlist/list YAML. */
        @WithDefault("rules")
        String dir();

        /** Scenarios every rule change must still pass before it activates; skipped when the directory is absent. */
        @WithDefault("testdata/scenarios")
        String scenariosDir();
    }

    interface Auth {
        /** Paths anyone may read without a token (health for orchestrators, metrics for Prometheus). */
        @WithDefault("/q/health,/q/metrics,/q/openapi,/q/swagger-ui")
        java.util.List<String> openPaths();

        /** Where the admin token generated at first start is written (owner-only), as well as printed once. */
        @WithDefault("data/admin-token")
        String tokenFile();

        /** Bearer JWTs from the organisation's identity provider, accepted alongside API tokens; off by default. */
        Jwt jwt();
    }

    interface Jwt {
        @WithDefault("false")
        boolean enabled();

        /** The {@code iss} every token must carry; required when enabled. */
        Optional<String> issuer();

        /** The {@code aud} a token must include; without it, a token the IdP issued for any client is accepted. */
        Optional<String> audience();

        /** The IdP's JWKS (https; http only on loopback), cached and fetched again when a token names an unknown key. */
        Optional<String> jwksUrl();

        /** A public key inline: PEM ({@code -----BEGIN PUBLIC KEY-----}), a JWK or a JWKS. */
        Optional<String> publicKey();

        /** The same, read from a file. */
        Optional<String> publicKeyFile();

        /** The claim holding the caller's groups or roles; a dotted path reaches into objects ({@code realm_access.roles}). */
        @WithDefault("groups")
        String rolesClaim();

        /** Which group or role names grant each Driftwatch role. */
        JwtRoles roles();

        /** How far {@code exp} and {@code nbf} may be off, for clocks that disagree. */
        @WithDefault("60s")
        Duration clockSkew();
    }

    interface JwtRoles {
        @WithDefault("ingest")
        java.util.List<String> ingest();

        @WithDefault("analyst")
        java.util.List<String> analyst();

        @WithDefault("admin")
        java.util.List<String> admin();
    }

    interface Deployments {
        /**
         * HMAC-SHA256 key CI signs deployment records with ({@code X-Driftwatch-Signature: hmac-sha256=<hex>}).
         * With neither this nor Ed25519 keys, every record is refused: an unsigned record is no evidence.
         */
        Optional<String> hmacKey();

        /** Ed25519 public keys (base64 X.509) per pipeline: {@code driftwatch.deployments.ed25519-keys.<pipeline>=...}. */
        Map<String, String> ed25519Keys();

        /** How long records are kept; at least the baseline window plus the correlation window, or the service refuses to start. */
        @WithDefault("8d")
        Duration retention();

        /** A release explains what happens from its start until this long after it finished. */
        @WithDefault("30m")
        Duration correlationWindow();

        /** How often the record chain is verified (also at start and on every GET /deployments/verify). */
        @WithDefault("5m")
        Duration verifyInterval();
    }

    interface Drift {
        /**
         * Approved configuration: {@code <dir>/<agent>/**.yaml}, Kubernetes manifests or cloud objects. Files whose
         * content changed since they were last imported are imported at start; absent directory, nothing imported.
         */
        @WithDefault("approved")
        String approvedDir();

        /** The agent id of events from the Kubernetes audit webhook: the cluster's name. */
        @WithDefault("kubernetes")
        String clusterName();
    }

    interface Engine {
        /** Engine shards (threads); default: available processors. */
        Optional<Integer> shards();

        /** Events queued per shard before submissions are refused with 503 and Retry-After. */
        @WithDefault("200000")
        int queueEvents();

        /** How long a request may wait for queue room before it is refused. */
        @WithDefault("2s")
        Duration submitWait();

        @WithDefault("5m")
        Duration allowedLateness();

        /** An event id seen again within this much event time is not processed twice. */
        @WithDefault("1h")
        Duration dedupWindow();

        @WithDefault("1000000")
        int dedupCapacity();
    }

    interface Baseline {
        @WithDefault("7d")
        Duration window();

        /** Log-only period after an agent's first event. */
        @WithDefault("7d")
        Duration learningPeriod();

        @WithDefault("4096")
        int maxKeysPerKind();

        @WithDefault("64")
        int maxPrincipals();

        @WithDefault("1m")
        Duration quarantineReport();

        /** API rates reach the rules only above this multiple of max(7-day hourly p99, 1). */
        @WithDefault("2.0")
        double apiRateGate();

        /** How often changed baselines are written to the database. */
        @WithDefault("60s")
        Duration checkpointInterval();
    }

    interface Ingest {
        @WithDefault("100000")
        int maxEvents();

        @WithDefault("1048576")
        int maxLineBytes();

        @WithDefault("32")
        int maxNestingDepth();

        @WithDefault("65536")
        int maxStringLength();
    }
}
