package io.driftwatch.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import io.driftwatch.alert.Detection;
import io.driftwatch.alert.Enrichment;
import io.driftwatch.alert.Evidence;
import io.driftwatch.event.Alerts;
import io.driftwatch.event.ApiRate;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Event;
import io.driftwatch.event.Finding;
import io.driftwatch.event.Novelty;
import io.driftwatch.event.ResourceSample;

/**
 * The {@code alerts} global of one shard's session. It learns which rule is firing from the agenda, so a
 * consequence only names the agent and behaviour. When the raising consequence ends, its {@link Finding} becomes
 * a fact for the enrichment rules in the same firing; after the firing, findings become detections carrying what
 * enrichment decided, and leave the session.
 */
final class FindingCollector extends DefaultAgendaEventListener implements Alerts {

    private Map<String, RuleInfo> rules = Map.of();
    private RuleInfo firing;
    private KieSession session;
    private java.util.function.Function<String, Set<String>> groupsOf = agent -> Set.of();
    private final List<Raised> pending = new ArrayList<>();
    private final List<Raised> inSession = new ArrayList<>();

    private record Raised(RuleInfo rule, Finding finding, FactHandle[] handle) {
    }

    void useRules(List<RuleInfo> infos) {
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        infos.forEach(r -> byName.put(r.name(), r));
        rules = byName;
    }

    /** How to find an agent's groups (the active allowlists'), for findings' exception scopes. */
    void useGroups(java.util.function.Function<String, Set<String>> groupsOf) {
        this.groupsOf = groupsOf;
    }

    void useSession(KieSession s) {
        session = s;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = rules.get(event.getMatch().getRule().getName());
    }

    /** The consequence has filled its findings in: now enrichment rules may judge them. */
    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        insertPending();
    }

    private void insertPending() {
        for (Raised r : pending) {
            r.handle()[0] = session.insert(r.finding());
            inSession.add(r);
        }
        pending.clear();
    }

    @Override
    public Finding raise(String agentId, String behaviourKey) {
        if (firing == null) {
            throw new IllegalStateException("alerts.raise called outside a rule consequence");
        }
        if (firing.enrichment()) {
            throw new IllegalStateException("rule \"" + firing.name() + "\" is an @enrichment rule: it decides about "
                    + "findings and does not raise them");
        }
        Finding f = new Finding(firing.name(), agentId, behaviourKey, firing.severity(), groupsOf.apply(agentId));
        pending.add(new Raised(firing, f, new FactHandle[1]));
        return f;
    }

    boolean isEmpty() {
        return inSession.isEmpty() && pending.isEmpty();
    }

    List<Detection> drain() {
        insertPending(); // a consequence that threw after raising: its findings stand, unenriched
        List<Detection> out = new ArrayList<>(inSession.size());
        for (Raised r : inSession) {
            session.delete(r.handle()[0]);
            out.add(toDetection(r.rule(), r.finding()));
        }
        inSession.clear();
        return out;
    }

    private static Detection toDetection(RuleInfo rule, Finding f) {
        List<Evidence> evidence = new ArrayList<>();
        Set<String> behaviours = new LinkedHashSet<>();
        for (Object item : f.getCited()) {
            evidence.add(evidence(item));
            if (item instanceof Novelty n) {
                behaviours.add(n.getBehaviourKey());
            }
        }
        Instant time = f.getTimestamp() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(f.getTimestamp());
        Enrichment enrichment = f.isDecided() ? new Enrichment(f.getDecision().name().toLowerCase(Locale.ROOT),
                f.getReason(), f.getDeploymentId(), List.copyOf(f.getTags()), f.isApprove(), f.getExceptionId()) : null;
        return new Detection(rule.name(), f.getSeverity(), rule.description(), rule.mitre(), f.getAgentId(),
                f.getBehaviourKey(), f.getSummary() == null ? rule.description() : f.getSummary(), Map.copyOf(f.getFigures()),
                List.copyOf(evidence), List.copyOf(behaviours), time, enrichment, rule.dedupWindow(), rule.suppressFor());
    }

    private static Evidence evidence(Object item) {
        if (item instanceof Novelty n) {
            return new Evidence("novelty", (n.isQuarantined() ? "quarantined " : "first-seen ") + n.getKind().json()
                    + " " + n.getKey(), n.getBehaviourKey(), n.getEvent());
        } else if (item instanceof ConfigDrift d) {
            return new Evidence("drift", d.getObject() + " " + d.getKey() + ": approved "
                    + (d.getApproved() == null ? "(nothing)" : d.getApproved()) + ", observed "
                    + (d.getObserved() == null ? "(removed)" : d.getObserved()) + ", changed by " + d.getActor(),
                    d.getBehaviourKey(), d.getEvent(), d.getApproved(), d.getObserved(), d.getActor());
        } else if (item instanceof ResourceSample s) {
            return new Evidence("resource", String.format(Locale.ROOT, "%s %.2f %s over the interval from %s (7-day p99 %.2f)",
                    s.getMetric(), s.getValue(), s.getUnit(), Instant.ofEpochMilli(s.getStartTime()), s.getP99()),
                    null, s.getEvent());
        } else if (item instanceof ApiRate r) {
            return new Evidence("api-rate", String.format(Locale.ROOT, "%d calls by %s in the last hour (7-day hourly p99 %.0f)",
                    r.getCallsLastHour(), r.getPrincipal(), r.getHourlyP99()), null, r.getEvent());
        } else if (item instanceof Event e) {
            return new Evidence("event", e.type().json() + " event", null, e);
        }
        return new Evidence("note", item.toString(), null, null);
    }
}
