package io.driftwatch.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

import io.driftwatch.alert.Detection;
import io.driftwatch.alert.Evidence;
import io.driftwatch.event.Alerts;
import io.driftwatch.event.ApiRate;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Event;
import io.driftwatch.event.Novelty;
import io.driftwatch.event.ResourceSample;

/**
 * The {@code alerts} global of one shard's session. It learns which rule is firing from the agenda, so a
 * consequence only names the agent and behaviour; findings are turned into detections after the firing.
 */
final class FindingCollector extends DefaultAgendaEventListener implements Alerts {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FindingCollector.class);

    private final List<MutableFinding> findings = new ArrayList<>();
    private Map<String, RuleInfo> rules = Map.of();
    private RuleInfo firing;

    void useRules(List<RuleInfo> infos) {
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        infos.forEach(r -> byName.put(r.name(), r));
        rules = byName;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = rules.get(event.getMatch().getRule().getName());
    }

    @Override
    public Finding raise(String agentId, String behaviourKey) {
        if (firing == null) {
            throw new IllegalStateException("alerts.raise called outside a rule consequence");
        }
        MutableFinding f = new MutableFinding(firing, agentId, behaviourKey);
        findings.add(f);
        return f;
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    List<Detection> drain() {
        List<Detection> out = new ArrayList<>(findings.size());
        for (MutableFinding f : findings) {
            out.add(f.toDetection());
        }
        findings.clear();
        return out;
    }

    private static final class MutableFinding implements Finding {
        private final RuleInfo rule;
        private final String agentId;
        private final String behaviourKey;
        private String severity;
        private String summary;
        private final Map<String, Object> figures = new LinkedHashMap<>();
        private final List<Evidence> evidence = new ArrayList<>();
        private final Set<String> behaviours = new LinkedHashSet<>();
        private long newest = Long.MIN_VALUE;

        MutableFinding(RuleInfo rule, String agentId, String behaviourKey) {
            this.rule = rule;
            this.agentId = agentId;
            this.behaviourKey = behaviourKey;
            this.severity = rule.severity();
        }

        @Override
        public Finding because(String text) {
            summary = text;
            return this;
        }

        @Override
        public Finding cite(Object item) {
            if (item instanceof Collection<?> many) {
                many.forEach(this::cite);
            } else if (item instanceof Novelty n) {
                behaviours.add(n.getBehaviourKey());
                add(new Evidence("novelty", (n.isQuarantined() ? "quarantined " : "first-seen ") + n.getKind().json()
                        + " " + n.getKey(), n.getBehaviourKey(), n.getEvent()), n.getTimestamp());
            } else if (item instanceof ResourceSample s) {
                add(new Evidence("resource", String.format(Locale.ROOT, "%s %.2f %s over the interval from %s (7-day p99 %.2f)",
                        s.getMetric(), s.getValue(), s.getUnit(), Instant.ofEpochMilli(s.getStartTime()), s.getP99()),
                        null, s.getEvent()), s.getTimestamp());
            } else if (item instanceof ApiRate r) {
                add(new Evidence("api-rate", String.format(Locale.ROOT, "%d calls by %s in the last hour (7-day hourly p99 %.0f)",
                        r.getCallsLastHour(), r.getPrincipal(), r.getHourlyP99()), null, r.getEvent()), r.getTimestamp());
            } else if (item instanceof ConfigDrift d) {
                add(new Evidence("drift", d.getObject() + " " + d.getKey() + ": approved "
                        + (d.getApproved() == null ? "(nothing)" : d.getApproved()) + ", observed "
                        + (d.getObserved() == null ? "(removed)" : d.getObserved()) + ", changed by " + d.getActor(),
                        d.getBehaviourKey(), d.getEvent(), d.getApproved(), d.getObserved(), d.getActor()), d.getTimestamp());
            } else if (item instanceof Event e) {
                add(new Evidence("event", e.type().json() + " event", null, e), e.timeMillis());
            } else if (item != null) {
                add(new Evidence("note", item.toString(), null, null), Long.MIN_VALUE);
            }
            return this;
        }

        private void add(Evidence e, long time) {
            evidence.add(e);
            newest = Math.max(newest, time);
        }

        @Override
        public Finding figure(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        @Override
        public Finding severity(String value) {
            if (RuleCompiler.SEVERITIES.contains(value)) {
                severity = value;
            } else {
                // a rule bug must not fail the batch: keep the rule's own severity and say so
                LOG.warnf("rule \"%s\" set severity '%s'; allowed: %s; kept %s", rule.name(), value,
                        RuleCompiler.SEVERITIES, severity);
            }
            return this;
        }

        Detection toDetection() {
            Instant time = newest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(newest);
            return new Detection(rule.name(), severity, rule.description(), rule.mitre(), agentId, behaviourKey,
                    summary == null ? rule.description() : summary, Map.copyOf(figures), List.copyOf(evidence),
                    List.copyOf(behaviours), time);
        }
    }
}
