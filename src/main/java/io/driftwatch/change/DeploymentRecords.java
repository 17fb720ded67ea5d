package io.driftwatch.change;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.driftwatch.alert.AlertClosure;
import io.driftwatch.alert.AlertService;
import io.driftwatch.alert.Detection;
import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.change.ChainWalk.VerifiedRecord;
import io.driftwatch.change.DeploymentStore.Snapshot;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.engine.Engine;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.event.Deployment;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Deployment records from CI/CD: refuses unsigned and wrongly signed ones, appends the rest to the hash chain,
 * verifies the chain (at start, on a schedule, after each record and on request) and gives the engine the
 * verified records within retention as {@link Deployment} facts. While the chain has a break no admin
 * acknowledged, the engine gets none (nothing is explained, nothing suppressed) and a high-severity integrity
 * alert is raised on agent {@value #AGENT}.
 */
@ApplicationScoped
public class DeploymentRecords {

    private static final Logger LOG = Logger.getLogger(DeploymentRecords.class);

    public static final String AGENT = "driftwatch";
    public static final String RULE = "The deployment record chain is broken";
    static final int MAX_BODY = 256 * 1024;

    private final DeploymentStore store;
    private final EngineLifecycle lifecycle;
    private final AlertService alerts;
    private final Clock clock;
    private final DriftwatchConfig config;
    private final RecordSignatures signatures;
    private final ChainVerifier verifier;
    private volatile ChainVerification last;
    private volatile long followedHead = Long.MIN_VALUE;
    private volatile List<Deployment> current = List.of();
    /** What the engine was last given; null until it was given anything. Guarded by this. */
    private List<Deployment> pushed;

    public DeploymentRecords(DeploymentStore store, EngineLifecycle lifecycle, AlertService alerts, Clock clock,
                             DriftwatchConfig config) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.clock = clock;
        this.config = config;
        this.signatures = RecordSignatures.of(config.deployments().hmacKey(), config.deployments().ed25519Keys());
        this.verifier = new ChainVerifier(signatures);
    }

    /** Before the engine starts: a retention too short to explain the baseline window is a configuration error. */
    void checkRetention(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent ignored) {
        RetentionCheck.require(config.deployments().retention(), config.baseline().window(),
                config.deployments().correlationWindow());
    }

    /** After EngineLifecycle started the engine (observers with larger priority values are notified later). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent ignored) {
        if (!signatures.hmacConfigured() && signatures.ed25519Pipelines().isEmpty()) {
            LOG.warn("no driftwatch.deployments.hmac-key or ed25519-keys configured: every deployment record is refused");
        } else {
            LOG.infof("deployment records accepted signed with %s%s", signatures.hmacConfigured() ? "the HMAC key" : "",
                    signatures.ed25519Pipelines().isEmpty() ? ""
                            : (signatures.hmacConfigured() ? " or " : "") + "Ed25519 for pipelines " + signatures.ed25519Pipelines());
        }
        if (config.deployments().hmacKey().filter(k -> !k.isBlank() && k.length() < 32).isPresent()) {
            LOG.warn("driftwatch.deployments.hmac-key is shorter than 32 characters: use a long random key");
        }
        ChainVerification v = verify();
        LOG.infof("deployment record chain: %d records, %s", v.records(),
                v.intact() ? "intact" : v.accepted() ? "every break acknowledged" : "BROKEN");
    }

    @Scheduled(every = "${driftwatch.deployments.verify-interval:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledVerify() {
        verify();
    }

    /**
     * Scale-out: records another instance appended reach this instance's engine within the follow interval; one
     * cheap read of the chain head decides whether anything changed.
     */
    public void follow() {
        long head = store.headSeq();
        if (head != followedHead) {
            verify();
            followedHead = head;
        }
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /**
     * Checks the signature, validates and appends a record, then verifies the chain and updates the engine's
     * facts, so the record explains what follows as soon as this returns.
     *
     * @throws ProblemException 401 unsigned, 403 wrongly signed, 400 invalid (every problem listed), 409 id taken,
     *                          413 over 256 KiB, 503 while the chain head row is missing
     */
    public StoredDeployment accept(byte[] body, String signature) {
        body = body == null ? new byte[0] : body;
        String text = utf8(body);
        RecordParser.Peek peek = text == null ? new RecordParser.Peek(null, null) : RecordParser.peek(text);
        if (signature == null || signature.isBlank()) {
            throw refuse(peek, 401, "Unauthorized", "unsigned deployment record: send " + RecordSignatures.HEADER
                    + ": hmac-sha256=<hex HMAC-SHA256 of the body> or ed25519=<base64 Ed25519 signature of the body>");
        }
        if (body.length > MAX_BODY) {
            throw refuse(peek, 413, "Content Too Large", "a deployment record is at most " + MAX_BODY + " bytes");
        }
        if (text == null || text.isBlank()) {
            throw refuse(peek, 400, "Bad Request", text == null ? "the body is not UTF-8" : "empty body: send the record as JSON");
        }
        try {
            signatures.check(body, signature, peek.pipeline());
        } catch (SignatureRefusedException e) {
            throw refuse(peek, e.unsigned() ? 401 : 403, e.unsigned() ? "Unauthorized" : "Forbidden", e.getMessage());
        }
        RecordParser.Parsed parsed = RecordParser.parse(text);
        if (!parsed.ok()) {
            LOG.warnf("deployment record refused (pipeline %s, id %s): %d problems, first %s: %s",
                    RecordSignatures.printable(peek.pipeline()), RecordSignatures.printable(peek.id()),
                    parsed.problems().size(), parsed.problems().get(0).field(), parsed.problems().get(0).reason());
            throw new ProblemException(Problem.of(400, "Bad Request", "not a valid deployment record: "
                    + parsed.problems().size() + " problem(s)").withErrors(parsed.problems()));
        }
        DeploymentRecord r = parsed.record();
        String id = RecordParser.storedId(r, text);
        ChainRow row;
        try {
            row = store.append(id, text, signature.trim(), clock.instant());
        } catch (DeploymentStore.DuplicateIdException e) {
            throw refuse(peek, 409, "Conflict", e.getMessage() + (r.id() == null
                    ? " (a record without an id is stored under an id derived from its body: this body was posted before)" : ""));
        } catch (DeploymentStore.HeadMissingException e) {
            throw refuse(peek, 503, "Service Unavailable", e.getMessage()
                    + ": records cannot be appended until an admin acknowledges the break (POST /deployments/verify/acknowledge)");
        }
        LOG.infof("deployment record %s stored at seq %d (service %s, pipeline %s, actor %s)", id, row.seq(),
                RecordSignatures.printable(r.service()), RecordSignatures.printable(r.pipeline().name()),
                RecordSignatures.printable(r.actor()));
        verify();
        return view(row);
    }

    private static ProblemException refuse(RecordParser.Peek peek, int status, String title, String reason) {
        LOG.warnf("deployment record refused (pipeline %s, id %s): %s", RecordSignatures.printable(peek.pipeline()),
                RecordSignatures.printable(peek.id()), reason);
        return new ProblemException(Problem.of(status, title, reason));
    }

    /** Strictly decoded: the text stored must be exactly the bytes that were signed. Null when not UTF-8. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Walks the chain, raises the integrity alert for the first unacknowledged break, and gives the engine the
     * verified records within retention (none while a break is unacknowledged).
     */
    public synchronized ChainVerification verify() {
        Instant now = clock.instant();
        Snapshot snap = store.snapshot();
        ChainWalk walk = verifier.walk(snap.head(), snap.rows(), store.acknowledgments());
        ChainVerification v = ChainVerification.of(walk, now);
        ChainBreak open = walk.firstUnacknowledged();
        if (open != null) {
            LOG.warnf("deployment record chain is broken (%d unacknowledged breaks): %s; deployment records explain "
                    + "nothing until an admin acknowledges (POST /deployments/verify/acknowledge)",
                    walk.unacknowledged().size(), open.reason());
            alerts.onDetections(List.of(detection(open, walk, now)));
        } else if (last != null && !last.accepted()) {
            LOG.infof("deployment record chain accepted again (%d records)", walk.records());
        }
        push(walk, now);
        last = v;
        return v;
    }

    private void push(ChainWalk walk, Instant now) {
        List<Deployment> facts = new ArrayList<>();
        if (walk.accepted()) {
            long from = now.minus(config.deployments().retention()).toEpochMilli();
            for (VerifiedRecord r : walk.verified()) {
                if (r.record().finishedAt().toEpochMilli() >= from) {
                    facts.add(r.record().toFact(r.row().id(), config.deployments().correlationWindow().toMillis()));
                }
            }
        }
        current = List.copyOf(facts);
        if (facts.equals(pushed)) {
            return;
        }
        Engine engine = lifecycle.engineIfStarted();
        if (engine == null) {
            return; // the start observer runs after the engine's and pushes then
        }
        engine.useDeployments(facts);
        if (!walk.accepted() && (pushed == null || !pushed.isEmpty())) {
            LOG.warn("deployment records withdrawn from the engine: the chain is broken");
        } else if (walk.accepted() && (pushed == null || pushed.isEmpty() != facts.isEmpty())) {
            LOG.infof("deployment records in the engine: %d verified records within retention", facts.size());
        }
        pushed = facts;
    }

    static String behaviourKey(ChainBreak b) {
        return "deployment-chain:" + b.seq();
    }

    private static Detection detection(ChainBreak b, ChainWalk walk, Instant now) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seq", b.seq());
        if (b.id() != null) {
            figures.put("recordId", b.id());
        }
        figures.put("kind", b.kind().name());
        figures.put("storedHash", b.storedHash());
        figures.put("records", walk.records());
        figures.put("unacknowledgedBreaks", walk.unacknowledged().size());
        return new Detection(RULE, "high", "Deployment records are signed by CI and hash-chained; the stored chain no "
                + "longer verifies, so a record may have been edited, deleted or added in the database to hide a change. "
                + "Suppression by deployment records is off: no record explains or suppresses anything until an admin "
                + "acknowledges the break (POST /deployments/verify/acknowledge with author and reason).",
                List.of("T1565.001"), AGENT, behaviourKey(b), b.reason(), figures, List.of(), List.of(), now, null);
    }

    /** The result of an acknowledgment: what was acknowledged, and the verification that follows it. */
    public record Acknowledged(List<Acknowledgment> acknowledged, ChainVerification verification) {
    }

    /**
     * Accepts every break the chain has now and no acknowledgment covers; closes their integrity alerts as
     * accepted, and verifies again (so suppression comes back unless something else broke meanwhile).
     *
     * @throws ProblemException 409 when there is nothing to acknowledge
     */
    public synchronized Acknowledged acknowledge(String author, String reason) {
        Snapshot snap = store.snapshot();
        ChainWalk walk = verifier.walk(snap.head(), snap.rows(), store.acknowledgments());
        List<ChainBreak> open = walk.unacknowledged();
        if (open.isEmpty()) {
            throw ProblemException.conflict("nothing to acknowledge: " + (walk.intact()
                    ? "the deployment record chain is intact" : "every break is already acknowledged"));
        }
        Instant now = clock.instant();
        List<Acknowledgment> acks = open.stream().map(b -> Acknowledgment.of(b, author, reason, now)).toList();
        store.acknowledge(acks, snap.head() == null ? restoredHead(snap.rows()) : null);
        for (ChainBreak b : open) {
            LOG.warnf("deployment chain break acknowledged by %s (%s): %s", RecordSignatures.printable(author),
                    RecordSignatures.printable(reason), b.reason());
        }
        alerts.close(open.stream().map(b -> new AlertClosure(AGENT, behaviourKey(b), AlertClosure.ACCEPTED, author,
                reason, now)).distinct().toList());
        return new Acknowledged(acks, verify());
    }

    /** A head rebuilt from the rows as they are: the admin accepted them by acknowledging the lost head. */
    private static ChainHead restoredHead(List<ChainRow> rows) {
        if (rows.isEmpty()) {
            return ChainHead.EMPTY;
        }
        ChainRow first = rows.get(0);
        ChainRow last = rows.get(rows.size() - 1);
        return new ChainHead(last.seq(), last.hash(), first.seq() - 1, first.prevHash());
    }

    /**
     * Deletes the oldest records that finished more than the retention ago, after making the newest of them the
     * anchor verification starts from. Only a prefix of the chain is purged (a record older than retention waits
     * for the ones before it), and nothing while the chain has an unacknowledged break: that would erase the
     * evidence.
     *
     * @return records deleted
     */
    public synchronized int purge() {
        ChainVerification v = verify();
        if (!v.accepted()) {
            LOG.warn("deployment records are not purged while the chain has an unacknowledged break");
            return 0;
        }
        Instant cutoff = clock.instant().minus(config.deployments().retention());
        ChainRow through = null;
        for (ChainRow row : store.snapshot().rows()) {
            DeploymentRecord r = verifier.check(row).record();
            Instant finished = r != null ? r.finishedAt() : row.receivedAt();
            if (!finished.isBefore(cutoff)) {
                break;
            }
            through = row;
        }
        if (through == null) {
            return 0;
        }
        int deleted = store.purgeThrough(through.seq(), through.hash());
        if (deleted > 0) {
            LOG.infof("purged %d deployment records older than %s; the chain is now anchored at record %d",
                    deleted, RetentionCheck.human(config.deployments().retention()), through.seq());
            verify();
        }
        return deleted;
    }

    /** Whether this exact body is already in the chain: a record delivered twice, e.g. read again from Kafka. */
    public boolean holds(byte[] body) {
        String text = utf8(body == null ? new byte[0] : body);
        if (text == null) {
            return false;
        }
        RecordParser.Parsed parsed = RecordParser.parse(text);
        return parsed.ok() && store.get(RecordParser.storedId(parsed.record(), text)).map(r -> r.body().equals(text))
                .orElse(false);
    }

    public List<StoredDeployment> list(int limit, int offset) {
        return store.page(limit, offset).stream().map(this::view).toList();
    }

    public Optional<StoredDeployment> get(String id) {
        return store.get(id).map(this::view);
    }

    /** The Deployment facts given to the engine by the last verification: empty while the chain is broken. */
    public List<Deployment> deployments() {
        return current;
    }

    /** The last verification's result; null before the first. */
    public ChainVerification lastVerification() {
        return last;
    }

    private StoredDeployment view(ChainRow row) {
        ChainVerifier.RowCheck c = verifier.check(row);
        DeploymentRecord r = c.record() != null ? c.record() : RecordParser.parse(row.body()).record();
        String problem = c.problem() != null ? c.problem().reason()
                : r == null ? "the body no longer reads as a deployment record" : null;
        return new StoredDeployment(row.seq(), row.id(), row.hash(), row.prevHash(), row.receivedAt(),
                RecordSignatures.scheme(row.signature()), c.verified(), problem, r);
    }
}
