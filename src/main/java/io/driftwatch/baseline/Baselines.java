package io.driftwatch.baseline;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.driftwatch.event.ApiRate;
import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.Event;
import io.driftwatch.event.Novelty;
import io.driftwatch.event.ResourceSample;

/**
 * The baselines of the agents one engine shard owns. {@link #observe} learns from each event and hands the
 * rules only what deviates: novelties, readings above p99, API rates above p99 — and only for mature agents.
 * Not thread-safe: called from the shard's thread alone.
 */
public final class Baselines {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long MINUTE = 60_000L;

    private final BaselineSettings settings;
    private final Interner interner;
    private final Function<String, Set<String>> groupsOf;
    private final Map<String, AgentBaseline> agents = new HashMap<>();

    public Baselines(BaselineSettings settings, Interner interner, Function<String, Set<String>> groupsOf) {
        this.settings = settings;
        this.interner = interner;
        this.groupsOf = groupsOf;
    }

    public BaselineSettings settings() {
        return settings;
    }

    /** Learns from the event; passes each deviation of a mature agent to {@code facts}. */
    public void observe(Event e, Consumer<Object> facts) {
        long now = e.timeMillis();
        AgentBaseline a = agent(e.agentId(), now);
        if (now < a.firstSeen) {
            a.firstSeen = now;
        }
        if (now / DAY > a.lastSeen / DAY) {
            forgetExpired(a, now);
        }
        a.lastSeen = Math.max(a.lastSeen, now);
        boolean mature = isMature(a, now);
        switch (e.type()) {
            case PROCESS -> behaviour(a, BehaviourKind.LINEAGE, BehaviourKeys.lineage(e.process()), e, mature, facts);
            case NETWORK -> network(a, e, mature, facts);
            case MODULE -> behaviour(a, BehaviourKind.MODULE, BehaviourKeys.module(e), e, mature, facts);
            case API -> api(a, e, mature, facts);
            case RESOURCE -> resource(a, e, mature, facts);
            case CONFIG -> { } // configuration drift is judged against the approved state, not a learned one
        }
    }

    public boolean isMature(String agentId, long now) {
        AgentBaseline a = agents.get(agentId);
        return a != null && isMature(a, now);
    }

    private boolean isMature(AgentBaseline a, long now) {
        return now - a.firstSeen >= settings.learningPeriod().toMillis();
    }

    private void network(AgentBaseline a, Event e, boolean mature, Consumer<Object> facts) {
        Event.Network n = e.network();
        if (!n.outbound()) {
            return;
        }
        if (n.dstIp() != null) {
            remember(a.destinationIps, interner.intern(n.dstIp()), hour(e.timeMillis()));
        }
        behaviour(a, BehaviourKind.DESTINATION, BehaviourKeys.destination(n), e, mature, facts);
    }

    private void behaviour(AgentBaseline a, BehaviourKind kind, String rawKey, Event e, boolean mature,
                           Consumer<Object> facts) {
        long now = e.timeMillis();
        int hour = hour(now);
        String key = interner.intern(rawKey);
        BehaviourSet known = a.known(kind);
        if (a.quarantined != null) {
            String behaviourKey = kind.json() + ":" + key;
            Long reported = a.quarantined.get(behaviourKey);
            if (reported != null) {
                if (now - reported >= settings.quarantineReport().toMillis()) {
                    a.quarantined.put(behaviourKey, now);
                    facts.accept(novelty(a, kind, key, Novelty.Status.QUARANTINED, e, known.size()));
                }
                return;
            }
        }
        int lastSeen = known.lastSeen(key);
        if (lastSeen >= hour - settings.windowHours()) {
            if (lastSeen < hour) {
                known.put(key, hour);
                a.dirty = true;
            }
            return;
        }
        int knownBefore = known.size();
        remember(known, key, hour);
        a.firstSeen(kind, settings.windowDays()).add((int) (now / DAY), 1);
        a.dirty = true;
        if (mature) {
            facts.accept(novelty(a, kind, key, Novelty.Status.NEW, e, knownBefore));
        }
    }

    private Novelty novelty(AgentBaseline a, BehaviourKind kind, String key, Novelty.Status status, Event e,
                            int knownCount) {
        double average = hourlyFirstSeenAverage(a, kind, e.timeMillis());
        return new Novelty(a.agentId, kind, key, status, e, groupsOf.apply(a.agentId), average, knownCount);
    }

    private void remember(BehaviourSet set, String key, int hour) {
        if (set.lastSeen(key) < 0 && set.size() >= settings.maxKeysPerKind()) {
            set.evictOldest();
        }
        set.put(key, hour);
    }

    private void api(AgentBaseline a, Event e, boolean mature, Consumer<Object> facts) {
        behaviour(a, BehaviourKind.API_OPERATION, BehaviourKeys.apiOperation(e.api()), e, mature, facts);
        // the principal's rate first: rules judging the agent's total ask whether one principal explains it
        String principal = e.api().principal();
        if (a.api.containsKey(principal) || a.api.size() <= settings.maxPrincipals()) {
            apiRate(a, interner.intern(principal), e, mature, facts);
        }
        apiRate(a, ApiRate.ALL_PRINCIPALS, e, mature, facts);
    }

    private void apiRate(AgentBaseline a, String principal, Event e, boolean mature, Consumer<Object> facts) {
        long now = e.timeMillis();
        int hour = hour(now);
        AgentBaseline.ApiSeries s = a.api.computeIfAbsent(principal, p -> new AgentBaseline.ApiSeries(settings.windowHours()));
        s.hourly.add(hour, 1);
        a.dirty = true;
        if (!mature) {
            return;
        }
        if (s.figuresHour != hour) {
            int hours = coveredHours(a, now);
            s.average = (double) s.hourly.sumBefore(hour, hours) / hours;
            s.p99 = s.hourly.p99Before(hour, hours);
            s.figuresHour = hour;
        }
        double calls = s.slidingHour(now);
        long minute = now / MINUTE;
        if (calls > settings.apiRateGate() * Math.max(s.p99, 1) && minute != s.lastReportedMinute) {
            s.lastReportedMinute = minute;
            facts.accept(new ApiRate(a.agentId, principal, Math.round(calls), s.average, s.p99, e));
        }
    }

    private void resource(AgentBaseline a, Event e, boolean mature, Consumer<Object> facts) {
        Event.Resource r = e.resource();
        if (r.cpuCores() != null) {
            if (a.cpu == null) {
                a.cpu = new AgentBaseline.ResourceSeries(settings.windowDays(), 0.001);
            }
            reading(a, a.cpu, ResourceSample.CPU, r.cpuCores(), e, mature, facts);
        }
        if (r.netTxBytes() != null) {
            if (a.egress == null) {
                a.egress = new AgentBaseline.ResourceSeries(settings.windowDays(), 1.0);
            }
            reading(a, a.egress, ResourceSample.EGRESS, (double) r.netTxBytes() / r.intervalSeconds(), e, mature, facts);
        }
    }

    private void reading(AgentBaseline a, AgentBaseline.ResourceSeries s, String metric, double value, Event e,
                         boolean mature, Consumer<Object> facts) {
        long end = e.timeMillis();
        int day = (int) (end / DAY);
        a.dirty = true;
        if (mature) {
            double p99 = s.histogram.percentile(day, 0.99);
            if (!Double.isNaN(p99) && value > p99) {
                long start = end - e.resource().intervalSeconds() * 1000L;
                long slack = Math.max(MINUTE, e.resource().intervalSeconds() * 500L);
                if (start > s.runEnd + slack || end < s.runEnd) {
                    s.runId++;
                }
                s.runEnd = end;
                facts.accept(new ResourceSample(a.agentId, metric, value, p99, start, s.runId, e));
            } else {
                s.runEnd = Long.MIN_VALUE;
            }
        }
        // weighted by the minutes the reading covers: see DailyHistogram.add
        s.histogram.add(day, value, Math.max(1, e.resource().intervalSeconds() / 60));
    }

    /** Moves the behaviour out of the learned set until an analyst accepts it. */
    public boolean quarantine(String agentId, String behaviourKey, long now) {
        AgentBaseline a = agents.get(agentId);
        BehaviourKey k = BehaviourKey.parse(behaviourKey);
        if (a == null || k == null) {
            return false;
        }
        a.known(k.kind()).remove(k.key());
        a.quarantined().putIfAbsent(k.text(), now);
        a.dirty = true;
        return true;
    }

    public enum AcceptOutcome { ACCEPTED, NOT_QUARANTINED, UNKNOWN_AGENT }

    /** Learns a quarantined behaviour: it is known from now on. */
    public AcceptOutcome accept(String agentId, String behaviourKey) {
        AgentBaseline a = agents.get(agentId);
        if (a == null) {
            return AcceptOutcome.UNKNOWN_AGENT;
        }
        BehaviourKey k = BehaviourKey.parse(behaviourKey);
        if (k == null || !a.isQuarantined(k.text())) {
            return AcceptOutcome.NOT_QUARANTINED;
        }
        a.quarantined.remove(k.text());
        a.known(k.kind()).put(interner.intern(k.key()), hour(a.lastSeen));
        a.dirty = true;
        return AcceptOutcome.ACCEPTED;
    }

    public AgentProfile profile(String agentId) {
        AgentBaseline a = agents.get(agentId);
        return a == null ? null : AgentProfile.of(a, settings);
    }

    public int agentCount() {
        return agents.size();
    }

    /** Encodes every agent changed since the last call and marks it clean. */
    public Map<String, byte[]> drainDirty() {
        Map<String, byte[]> out = new HashMap<>();
        for (AgentBaseline a : agents.values()) {
            if (a.dirty) {
                out.put(a.agentId, BaselineCodec.encode(a));
                a.dirty = false;
            }
        }
        return out;
    }

    /** Forgets an agent another instance now owns; whatever it learned here was checkpointed or is replayed there. */
    public void evict(String agentId) {
        agents.remove(agentId);
    }

    public void restore(byte[] data) {
        AgentBaseline a = BaselineCodec.decode(data, settings, interner);
        agents.put(a.agentId, a);
    }

    private AgentBaseline agent(String agentId, long now) {
        AgentBaseline a = agents.get(agentId);
        if (a == null) {
            a = new AgentBaseline(agentId, now);
            agents.put(agentId, a);
        }
        return a;
    }

    private void forgetExpired(AgentBaseline a, long now) {
        int oldest = hour(now) - settings.windowHours();
        for (BehaviourSet s : a.known) {
            s.forgetBefore(oldest);
        }
        a.destinationIps.forgetBefore(oldest);
        a.dirty = true;
    }

    /**
     * First-seen behaviours of a kind per hour, over the complete days of the window before today: today's
     * partial day would dilute the average.
     */
    static double hourlyFirstSeenAverage(AgentBaseline a, BehaviourKind kind, long now, int windowDays) {
        if (a.firstSeenPerDay == null || a.firstSeenPerDay[kind.ordinal()] == null) {
            return 0;
        }
        int today = (int) (now / DAY);
        int days = (int) Math.max(1, Math.min(windowDays, today - a.firstSeen / DAY));
        return (double) a.firstSeenPerDay[kind.ordinal()].sumBefore(today, days) / (24.0 * days);
    }

    private double hourlyFirstSeenAverage(AgentBaseline a, BehaviourKind kind, long now) {
        return hourlyFirstSeenAverage(a, kind, now, settings.windowDays());
    }

    private int coveredHours(AgentBaseline a, long now) {
        return (int) Math.max(1, Math.min(settings.windowHours(), (now - a.firstSeen) / HOUR));
    }

    static int hour(long millis) {
        return (int) (millis / HOUR);
    }
}
