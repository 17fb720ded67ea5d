package io.driftwatch.exception;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertService;
import io.driftwatch.alert.AlertStates;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.alert.Evidence;
import io.driftwatch.alert.InvalidTransitionException;
import io.driftwatch.api.Problem;
import io.driftwatch.api.ProblemException;
import io.driftwatch.change.DeploymentArrived;
import io.driftwatch.change.DeploymentRecord;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.engine.Engine;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.event.ExceptionEntry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Exceptions with governance: created (alone, or from an alert, accepting it and optionally every alert it covers),
 * edited, deleted, expired and revoked on redeploy. After every change the active ones are handed to every engine
 * shard as facts, and {@link ExceptionChanged} is fired.
 */
@ApplicationScoped
public class ExceptionService {

    private static final Logger LOG = Logger.getLogger(ExceptionService.class);
    static final String ENGINE = "driftwatch";

    private final ExceptionStore store;
    private final AlertService alerts;
    private final AlertStore alertStore;
    private final EngineLifecycle lifecycle;
    private final Clock clock;
    private final DriftwatchConfig.Exceptions config;
    private final Event<ExceptionChanged> changed;

    /** The active exceptions the engine was last given. */
    private List<BehaviourException> pushed = List.of();

    public ExceptionService(ExceptionStore store, AlertService alerts, AlertStore alertStore, EngineLifecycle lifecycle,
                            Clock clock, DriftwatchConfig config, Event<ExceptionChanged> changed) {
        this.store = store;
        this.alerts = alerts;
        this.alertStore = alertStore;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.config = config.exceptions();
        this.changed = changed;
    }

    /** After the engine started and before the journal is replayed: the exceptions in force when it was written. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1500) StartupEvent ignored) {
        int expired = sweep(now());
        push();
        LOG.infof("exceptions: %d active, %d expired while the service was down", store.active().size(), expired);
    }

    @Scheduled(every = "${driftwatch.exceptions.sweep-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep(now());
    }

    /** What creating an exception did: the exception, the alert it was accepted from, other alerts it closed. */
    public record Created(BehaviourException exception, Alert accepted, List<Alert> closed) {
    }

    public synchronized Created create(ExceptionRequest r, String by) {
        if (r == null) {
            throw ProblemException.badRequest("body required: scope, scopeValue, behaviourKey, owner, reason, ticket, expiresAt (or alertId instead of the first three)");
        }
        Alert source = null;
        if (r.alertId() != null) {
            source = alertStore.get(r.alertId()).orElseThrow(() -> ProblemException.notFound("no alert with id " + r.alertId()));
            if (!AlertStates.allowed(source.status(), Alert.ACCEPTED)) {
                throw new InvalidTransitionException(source.id(), source.status(), Alert.ACCEPTED);
            }
        } else if (Boolean.TRUE.equals(r.closeMatching())) {
            throw ProblemException.badRequest("closeMatching needs alertId: it accepts that alert and the others the exception covers");
        }
        Instant now = now();
        String scope = r.scope() != null ? r.scope() : source != null ? ExceptionEntry.Scope.AGENT.json() : null;
        String scopeValue = r.scopeValue() != null ? r.scopeValue()
                : source != null && ExceptionEntry.Scope.AGENT.json().equals(scope) ? source.agentId() : null;
        String key = r.behaviourKey() != null ? r.behaviourKey() : source == null ? null : source.behaviourKey();
        BehaviourException x = new BehaviourException(UUID.randomUUID().toString(), scope, trim(scopeValue), trim(key),
                trim(r.rule()), trim(r.owner()), trim(r.reason()), trim(r.ticket()), r.expiresAt(),
                r.revokeOnRedeploy() == null ? config.revokeOnRedeploy() : r.revokeOnRedeploy(), BehaviourException.ACTIVE,
                source == null ? null : source.id(), by, now, by, now, null, null, null);
        validate(x, now);
        store.insert(x);
        push();
        changed.fire(new ExceptionChanged(ExceptionChanged.Kind.CREATED, x, by, now));
        LOG.infof("exception %s created by %s: %s %s=%s until %s (owner %s, ticket %s)", x.id(), by, x.behaviourKey(),
                x.scope(), x.scopeValue(), x.expiresAt(), x.owner(), x.ticket());
        Alert accepted = null;
        List<Alert> closed = List.of();
        if (source != null) {
            accepted = alerts.transition(source.id(), Alert.ACCEPTED, by, "accepted as exception " + x.id() + ": " + x.reason());
            if (Boolean.TRUE.equals(r.closeMatching())) {
                String sourceId = source.id();
                List<Alert> covered = alertStore.active(x.behaviourKey()).stream()
                        .filter(a -> !a.id().equals(sourceId) && covers(x, a)).toList();
                closed = alerts.transitionAll(covered, Alert.ACCEPTED, by, "covered by exception " + x.id() + ": " + x.reason());
            }
        }
        return new Created(x, accepted, closed);
    }

    /** Replaces an active exception's terms (expiry again within the maximum from now). */
    public synchronized BehaviourException update(String id, ExceptionRequest r, String by) {
        BehaviourException old = get(id);
        if (!old.active()) {
            throw ProblemException.conflict("exception " + id + " is " + old.status() + "; only an active exception can be edited");
        }
        if (r == null) {
            throw ProblemException.badRequest("body required");
        }
        Instant now = now();
        BehaviourException x = new BehaviourException(id, or(r.scope(), old.scope()), or(trim(r.scopeValue()), old.scopeValue()),
                or(trim(r.behaviourKey()), old.behaviourKey()), r.rule() == null ? old.rule() : trim(r.rule()),
                or(trim(r.owner()), old.owner()), or(trim(r.reason()), old.reason()), or(trim(r.ticket()), old.ticket()),
                r.expiresAt() == null ? old.expiresAt() : r.expiresAt(),
                r.revokeOnRedeploy() == null ? old.revokeOnRedeploy() : r.revokeOnRedeploy(), BehaviourException.ACTIVE,
                old.sourceAlertId(), old.createdBy(), old.createdAt(), by, now, null, null, null);
        validate(x, now);
        if (!store.update(x)) {
            throw ProblemException.conflict("exception " + id + " ended meanwhile");
        }
        push();
        changed.fire(new ExceptionChanged(ExceptionChanged.Kind.UPDATED, x, by, now));
        return x;
    }

    /** Ends an active exception; its row stays, marked deleted, with who and why. */
    public synchronized BehaviourException delete(String id, String by, String reason) {
        BehaviourException old = get(id);
        if (!old.active()) {
            throw ProblemException.conflict("exception " + id + " is already " + old.status());
        }
        return end(old, BehaviourException.DELETED, ExceptionChanged.Kind.DELETED, by,
                reason == null || reason.isBlank() ? "deleted" : reason.trim());
    }

    public BehaviourException get(String id) {
        return store.get(id).orElseThrow(() -> ProblemException.notFound("no exception with id " + id));
    }

    public List<BehaviourException> list(String status) {
        return store.list(status);
    }

    /** Retires what expired by {@code now}; returns how many. */
    public synchronized int sweep(Instant now) {
        List<BehaviourException> due = store.due(now);
        for (BehaviourException x : due) {
            end(x, BehaviourException.EXPIRED, ExceptionChanged.Kind.EXPIRED, ENGINE, "expired at " + x.expiresAt());
        }
        return due.size();
    }

    /** A verified deployment record for an exception's scope revokes it when the exception says so. */
    synchronized void onDeployment(@Observes DeploymentArrived d) {
        for (BehaviourException x : store.active()) {
            if (x.revokeOnRedeploy() && redeploys(d.record(), x)) {
                end(x, BehaviourException.REVOKED, ExceptionChanged.Kind.REVOKED, "deployment:" + d.id(),
                        "revoked: deployment " + d.id() + " redeployed its scope");
            }
        }
    }

    private BehaviourException end(BehaviourException x, String status, ExceptionChanged.Kind kind, String by, String why) {
        Instant now = now();
        BehaviourException ended = x.ended(status, by, now, why);
        if (!store.end(ended)) {
            throw ProblemException.conflict("exception " + x.id() + " ended meanwhile");
        }
        push();
        changed.fire(new ExceptionChanged(kind, ended, by, now));
        LOG.infof("exception %s %s by %s: %s", x.id(), status, by, why);
        return ended;
    }

    /** Every shard's rules see the active exceptions, and only them. */
    private void push() {
        push(store.active());
    }

    private void push(List<BehaviourException> active) {
        Engine engine = lifecycle.engineIfStarted();
        if (engine != null) {
            engine.useExceptions(active.stream().map(BehaviourException::fact).toList());
            pushed = active;
        }
    }

    /**
     * Scale-out: exceptions another instance created, edited or ended reach this instance's rules within the follow
     * interval (one read of the active ones).
     */
    public synchronized void follow() {
        List<BehaviourException> active = store.active();
        if (!active.equals(pushed)) {
            push(active);
        }
    }

    /** Whether the record releases into the exception's scope. */
    static boolean redeploys(DeploymentRecord d, BehaviourException x) {
        DeploymentRecord.Scope s = d.scope();
        List<String> agents = s == null || s.agents() == null ? List.of() : s.agents();
        List<String> groups = s == null || s.groups() == null ? List.of() : s.groups();
        List<DeploymentRecord.Image> images = d.images() == null ? List.of() : d.images();
        return switch (ExceptionEntry.Scope.fromJson(x.scope())) {
            case AGENT -> agents.contains(x.scopeValue()) || (s != null && (x.scopeValue().equals(s.cluster())
                    || (s.account() != null && x.scopeValue().equals("aws-" + s.account()))));
            case GROUP -> groups.contains(x.scopeValue());
            case WORKLOAD -> x.scopeValue().equals(d.service()) || x.scopeValue().equals(d.workload())
                    || images.stream().anyMatch(i -> x.scopeValue().equals(ExceptionEntry.repository(i.name())));
            case IMAGE -> images.stream().anyMatch(i -> x.scopeValue().equalsIgnoreCase(i.digest()));
        };
    }

    /** Whether the exception covers an alert still worked on (as the rule covers its findings). */
    boolean covers(BehaviourException x, Alert a) {
        if (!x.behaviourKey().equals(a.behaviourKey()) || (x.rule() != null && !x.rule().equals(a.rule()))) {
            return false;
        }
        return switch (ExceptionEntry.Scope.fromJson(x.scope())) {
            case AGENT -> x.scopeValue().equals(a.agentId());
            case GROUP -> {
                Engine engine = lifecycle.engineIfStarted();
                yield engine != null && engine.rules().data().groupsOf(a.agentId()).contains(x.scopeValue());
            }
            case WORKLOAD, IMAGE -> a.evidence().stream().map(Evidence::event).filter(Objects::nonNull)
                    .map(io.driftwatch.event.Event::container).filter(Objects::nonNull)
                    .anyMatch(c -> ExceptionEntry.Scope.IMAGE.json().equals(x.scope())
                            ? x.scopeValue().equalsIgnoreCase(c.imageDigest())
                            : x.scopeValue().equals(ExceptionEntry.repository(c.image())));
        };
    }

    private void validate(BehaviourException x, Instant now) {
        List<Object> errors = new ArrayList<>();
        ExceptionEntry.Scope scope = ExceptionEntry.Scope.fromJson(x.scope());
        if (scope == null) {
            errors.add(problem("scope", "must be one of agent, group, workload, image"));
        }
        if (blank(x.scopeValue())) {
            errors.add(problem("scopeValue", "required: the agent id, group, image repository or image digest"));
        } else if (scope == ExceptionEntry.Scope.IMAGE && !x.scopeValue().matches("sha256:[0-9a-fA-F]{64}")) {
            errors.add(problem("scopeValue", "an image scope is a digest sha256:<64 hex digits>"));
        } else if (scope == ExceptionEntry.Scope.GROUP && lifecycle.engineIfStarted() != null
                && !lifecycle.engineIfStarted().rules().data().groups().containsKey(x.scopeValue())) {
            errors.add(problem("scopeValue", "no agent group " + x.scopeValue() + " in rules/allowlists"));
        }
        if (blank(x.behaviourKey())) {
            errors.add(problem("behaviourKey", "required: the behaviour key of the alerts to suppress"));
        }
        if (x.rule() != null && lifecycle.engineIfStarted() != null && lifecycle.engineIfStarted().rules().compiled()
                .rules().stream().noneMatch(ri -> ri.name().equals(x.rule()))) {
            errors.add(problem("rule", "no rule named " + x.rule()));
        }
        for (Map.Entry<String, String> required : List.of(Map.entry("owner", or(x.owner(), "")),
                Map.entry("reason", or(x.reason(), "")), Map.entry("ticket", or(x.ticket(), "")))) {
            if (required.getValue().isBlank()) {
                errors.add(problem(required.getKey(), "required: an exception is accountable"));
            }
        }
        Instant latest = now.plus(config.maxExpiry());
        if (x.expiresAt() == null) {
            errors.add(problem("expiresAt", "required: an ISO-8601 instant, at most " + maxExpiry() + " ahead"));
        } else if (!x.expiresAt().isAfter(now)) {
            errors.add(problem("expiresAt", "must be in the future; got " + x.expiresAt()));
        } else if (x.expiresAt().isAfter(latest)) {
            errors.add(problem("expiresAt", "at most driftwatch.exceptions.max-expiry (" + maxExpiry()
                    + ") ahead: " + latest + " at the latest; got " + x.expiresAt()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "not a valid exception: " + errors.size()
                    + " problem(s)").withErrors(errors));
        }
    }

    /** One invalid field of a request, in the problem's errors. */
    record FieldProblem(String field, String reason) {
    }

    private static FieldProblem problem(String field, String reason) {
        return new FieldProblem(field, reason);
    }

    /** 90d rather than PT2160H. */
    private String maxExpiry() {
        java.time.Duration d = config.maxExpiry();
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toString();
    }

    /** Stored in milliseconds: what a request returns is what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String or(String a, String b) {
        return a == null ? b : a;
    }

    static final Set<String> STATUSES = Set.of(BehaviourException.ACTIVE, BehaviourException.EXPIRED,
            BehaviourException.REVOKED, BehaviourException.DELETED);
}
