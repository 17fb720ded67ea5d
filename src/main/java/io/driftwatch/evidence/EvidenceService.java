package io.driftwatch.evidence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.audit.AuditActions;
import io.driftwatch.audit.AuditEntry;
import io.driftwatch.audit.AuditLog;
import io.driftwatch.audit.AuditQuery;
import io.driftwatch.audit.AuditVerification;
import io.driftwatch.change.ChainVerification;
import io.driftwatch.change.DeploymentRecords;
import io.driftwatch.engine.EngineLifecycle;
import io.driftwatch.engine.RuleInfo;
import io.driftwatch.engine.RuleSet;
import io.driftwatch.evidence.EvidenceReport.AgentCoverage;
import io.driftwatch.evidence.EvidenceReport.Change;
import io.driftwatch.evidence.EvidenceReport.ChainSummary;
import io.driftwatch.evidence.EvidenceReport.DayCoverage;
import io.driftwatch.evidence.EvidenceReport.RuleDrift;

/** Builds the evidence report of a period from the coverage counts, the alerts, the audit log and both chains. */
@ApplicationScoped
public class EvidenceService {

    static final String TITLE = "Continuous drift validation: compliance evidence";
    /** Enough for any period's rule changes and deployments; a report naming more says so by its counts. */
    private static final int MAX_CHANGES = 5000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final IngestCoverage coverage;
    private final AlertFigures alerts;
    private final AuditLog audit;
    private final io.driftwatch.audit.AuditVerifier auditVerifier;
    private final EngineLifecycle engine;
    private final DeploymentRecords deployments;
    private final Clock clock;
    private final ObjectMapper json;
    private final String version;
    @jakarta.inject.Inject
    io.driftwatch.exception.ExceptionStore exceptionStore;

    public EvidenceService(IngestCoverage coverage, AlertFigures alerts, AuditLog audit,
                           io.driftwatch.audit.AuditVerifier auditVerifier, EngineLifecycle engine,
                           DeploymentRecords deployments, Clock clock, ObjectMapper json,
                           @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.coverage = coverage;
        this.alerts = alerts;
        this.audit = audit;
        this.auditVerifier = auditVerifier;
        this.engine = engine;
        this.deployments = deployments;
        this.clock = clock;
        this.json = json;
        this.version = version;
    }

    public EvidenceReport report(Instant from, Instant to, String by) {
        EvidenceReport.Coverage cov = coverage(from, to);
        EvidenceReport.Drift drift = drift(from, to);
        List<Change> ruleChanges = changes(AuditActions.RULE_ACTIVATED, from, to);
        List<Change> deploymentChanges = changes(AuditActions.DEPLOYMENT_RECORDED, from, to);
        EvidenceReport.Governance governance = governance(from, to);
        RuleSet rules = engine.engineIfStarted() == null ? null : engine.engine().rules();
        List<EvidenceReport.RuleSummary> loaded = rules == null ? List.of() : rules.compiled().rules().stream()
                .map((RuleInfo r) -> new EvidenceReport.RuleSummary(r.name(), r.severity(), r.compliance())).toList();
        EvidenceReport.Checks checks = new EvidenceReport.Checks(rules == null ? 0 : rules.version(), loaded.size(), loaded,
                cov.events(), ruleChanges.size());
        AuditVerification auditChain = auditVerifier.verify();
        ChainVerification v = deployments.verify();
        ChainSummary chain = new ChainSummary(v.intact(), v.accepted(), v.records(),
                v.firstBroken() == null ? null : v.firstBroken().reason());
        EvidenceReport.Integrity integrity = new EvidenceReport.Integrity(auditChain, chain);
        EvidenceReport.Exceptions exceptions = exceptionsInForce(from, to);
        return new EvidenceReport(TITLE, new EvidenceReport.Period(from, to, "events and alerts by event time (UTC days); "
                + "rule changes, deployment records and other governance actions by the time Driftwatch recorded them"),
                clock.instant(), by, "Driftwatch " + version, cov, checks, drift, exceptions, governance, ruleChanges,
                deploymentChanges, integrity, ControlMapping.controls(cov, checks, drift, governance, ruleChanges,
                deploymentChanges, integrity));
    }

    private EvidenceReport.Coverage coverage(Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC).plusDays(1);
        Map<String, long[]> agents = new TreeMap<>(); // events, first day, last day, days
        Map<LocalDate, long[]> days = new TreeMap<>(); // agents, events
        long events = 0;
        for (IngestCoverage.AgentDayCount c : coverage.between(first, end)) {
            long[] a = agents.computeIfAbsent(c.agentId(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, 0});
            a[0] += c.events();
            a[1] = Math.min(a[1], c.day().toEpochDay());
            a[2] = Math.max(a[2], c.day().toEpochDay());
            a[3]++;
            long[] d = days.computeIfAbsent(c.day(), k -> new long[2]);
            d[0]++;
            d[1] += c.events();
            events += c.events();
        }
        List<AgentCoverage> perAgent = new ArrayList<>();
        agents.forEach((id, a) -> perAgent.add(new AgentCoverage(id, a[0], LocalDate.ofEpochDay(a[1]),
                LocalDate.ofEpochDay(a[2]), (int) a[3])));
        List<DayCoverage> perDay = new ArrayList<>();
        days.forEach((day, d) -> perDay.add(new DayCoverage(day, (int) d[0], d[1])));
        return new EvidenceReport.Coverage(perAgent.size(), events, perDay.size(), perAgent, perDay);
    }

    private EvidenceReport.Drift drift(Instant from, Instant to) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (String s : List.of("critical", "high", "medium", "low", "info")) {
            bySeverity.put(s, 0L);
        }
        Map<String, RuleDrift> byRule = new TreeMap<>();
        long total = 0;
        long occurrences = 0;
        for (AlertFigures.Count c : alerts.counts(from, to)) {
            total += c.alerts();
            occurrences += c.occurrences();
            byStatus.merge(c.status(), c.alerts(), Long::sum);
            bySeverity.merge(c.severity(), c.alerts(), Long::sum);
            RuleDrift r = byRule.computeIfAbsent(c.rule(), k -> new RuleDrift(k, c.severity(), 0, new TreeMap<>()));
            r.byStatus().merge(c.status(), c.alerts(), Long::sum);
            byRule.put(c.rule(), new RuleDrift(r.rule(), higher(r.severity(), c.severity()), r.alerts() + c.alerts(),
                    r.byStatus()));
        }
        return new EvidenceReport.Drift(total, occurrences, byStatus, bySeverity, List.copyOf(byRule.values()),
                alerts.perDay(from, to), alerts.listed(from, to), AlertFigures.LISTED);
    }

    private EvidenceReport.Governance governance(Instant from, Instant to) {
        Map<String, Long> actions = new TreeMap<>();
        long entries = 0;
        long closedByPeople = 0;
        long after = 0;
        while (true) {
            List<AuditEntry> page = audit.find(new AuditQuery(from, to, null, null, null, null, after, 1000));
            for (AuditEntry e : page) {
                actions.merge(e.action(), 1L, Long::sum);
                if (e.action().equals(AuditActions.ALERT_STATUS_CHANGED) && !e.actor().equals("driftwatch")) {
                    closedByPeople++;
                }
                entries++;
            }
            if (page.size() < 1000) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        return new EvidenceReport.Governance(actions.getOrDefault(AuditActions.APPROVAL_RECORDED, 0L),
                actions.getOrDefault(AuditActions.BASELINE_ACCEPTED, 0L), closedByPeople,
                actions.getOrDefault(AuditActions.TOKEN_CREATED, 0L), actions.getOrDefault(AuditActions.TOKEN_REVOKED, 0L),
                actions.getOrDefault(AuditActions.DEPLOYMENT_CHAIN_ACKNOWLEDGED, 0L), entries);
    }

    private List<Change> changes(String action, Instant from, Instant to) {
        List<Change> out = new ArrayList<>();
        long after = 0;
        while (out.size() < MAX_CHANGES) {
            List<AuditEntry> page = audit.find(new AuditQuery(from, to, action, null, null, null, after, 1000));
            for (AuditEntry e : page) {
                out.add(new Change(e.at(), e.actor(), e.subjectId(), details(e)));
            }
            if (page.size() < 1000) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        return out;
    }

    private Map<String, Object> details(AuditEntry e) {
        try {
            return json.readValue(e.details(), MAP);
        } catch (JsonProcessingException ex) {
            return Map.of();
        }
    }

    private static String higher(String a, String b) {
        List<String> order = List.of("critical", "high", "medium", "low", "info");
        int ia = order.indexOf(a);
        int ib = order.indexOf(b);
        return ia < 0 ? b : ib < 0 ? a : ia <= ib ? a : b;
    }

    /** Exceptions that suppressed anything between {@code from} and {@code to}: created before its end, not ended or expired before its start. */
    private EvidenceReport.Exceptions exceptionsInForce(Instant from, Instant to) {
        List<Map<String, Object>> inForce = new java.util.ArrayList<>();
        for (io.driftwatch.exception.BehaviourException x : exceptionStore.list(null)) {
            boolean started = x.createdAt().isBefore(to);
            boolean notEnded = (x.endedAt() == null || x.endedAt().isAfter(from)) && x.expiresAt().isAfter(from);
            if (started && notEnded) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("id", x.id());
                m.put("scope", x.scope() + ":" + x.scopeValue());
                m.put("behaviourKey", x.behaviourKey());
                m.put("owner", x.owner());
                m.put("reason", x.reason());
                m.put("ticket", x.ticket());
                m.put("createdBy", x.createdBy());
                m.put("createdAt", x.createdAt());
                m.put("expiresAt", x.expiresAt());
                m.put("status", x.status());
                inForce.add(m);
            }
        }
        return new EvidenceReport.Exceptions(true, inForce, inForce.isEmpty()
                ? "No exception was in force: every behaviour was judged by the rules."
                : inForce.size() + " exception(s) were in force, each with owner, reason, ticket and expiry; each "
                        + "suppressed only its scope and behaviour, and each change to them is in the audit log.");
    }
}
