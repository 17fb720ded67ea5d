package io.driftwatch.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.driftwatch.alert.AlertClosure;
import io.driftwatch.drift.ConfigObject.ObjectKey;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Event;

/**
 * One engine shard's view of configuration: the running state of the objects of its agents, and which of their
 * settings differ from the approved state. A config event updates the running state; each setting it makes
 * differ becomes a {@link ConfigDrift} fact for the drift rules, and each setting it brings back to the approved
 * state closes the alerts that cite it. Owned by the shard's thread.
 */
public final class DriftTracker {

    private final ApprovedConfig approved;
    private final ApprovalStore store;
    private final Map<String, Map<ObjectKey, ConfigObject>> observed = new HashMap<>();
    private final Map<String, Map<ObjectKey, Map<String, Difference>>> drifting = new HashMap<>();
    /** Running states changed since the last checkpoint took them, the newest per object. */
    private final Map<ObservedChange.Key, ObservedChange> unsaved = new LinkedHashMap<>();
    private long unjudged;

    /** A setting whose approved and running values differ; either may be absent. */
    record Difference(ConfigItem approved, ConfigItem observed) {
        boolean sameAs(Difference other) {
            return other != null && Objects.equals(value(approved), value(other.approved))
                    && Objects.equals(value(observed), value(other.observed));
        }

        private static String value(ConfigItem i) {
            return i == null ? null : i.value();
        }
    }

    public DriftTracker(ApprovedConfig approved, ApprovalStore store) {
        this.approved = approved;
        this.store = store;
    }

    /** Before the shard starts: takes back a stored running state and what of it drifts, raising nothing. */
    public void restore(ConfigObject object) {
        observed.computeIfAbsent(object.agentId(), a -> new HashMap<>()).put(object.key(), object);
        judge(object.agentId(), object.key(), null, false, f -> { }, c -> { }, null);
    }

    /** Forgets an agent another instance now owns (scale-out); its running state is in the last checkpoint. */
    public void evict(String agentId) {
        observed.remove(agentId);
        drifting.remove(agentId);
        unsaved.keySet().removeIf(k -> k.agentId().equals(agentId));
    }

    public void observe(Event e, Consumer<Object> facts, Consumer<AlertClosure> closures) {
        Event.Config c = e.config();
        if ("*".equals(c.name())) {
            for (ConfigObject o : known(e.agentId(), c.kind(), c.namespace())) {
                Event.Config one = new Event.Config(c.kind(), o.id(), "delete", null, null, c.actor(), o.namespace(), o.name());
                observe(new Event(e.id(), e.agentId(), e.time(), e.type(), null, null, null, null, null, null, one),
                        facts, closures);
            }
            return;
        }
        ObjectKey key = new ObjectKey(c.kind(), c.id());
        ConfigObject prior = running(e.agentId(), key);
        Map<String, Object> next = ChangeApplier.apply(prior == null ? null : prior.state(), c);
        if (next == ChangeApplier.UNKNOWN) {
            unjudged++; // the feed did not say what the object now is; its next full record will
            return;
        }
        boolean unknownDeleted = next == null && prior == null;
        ConfigObject object = new ConfigObject(e.agentId(), c.kind(), c.id(), c.namespace(), c.name(), next);
        if (next != null && ownedByController(next)) {
            return; // a pod of a Deployment: judged through its owner, and too many to remember
        }
        observed.computeIfAbsent(e.agentId(), a -> new HashMap<>()).put(key, object);
        judge(e.agentId(), key, e, unknownDeleted, facts, closures, null);
        if (next == null && approved.get(e.agentId(), key) == null
                && !drifting.getOrDefault(e.agentId(), Map.of()).containsKey(key)) {
            observed.get(e.agentId()).remove(key); // gone, never approved, nothing pending: churn must not pile up
            keep(new ObservedChange(e.agentId(), key, null, c.actor(), e.id(), e.timeMillis()));
        } else {
            keep(new ObservedChange(e.agentId(), key, object, c.actor(), e.id(), e.timeMillis()));
        }
        if ("Role".equals(c.kind()) || "ClusterRole".equals(c.kind())) {
            for (ConfigObject binding : bindingsOf(e.agentId(), c.kind(), c.namespace(), c.name())) {
                judge(e.agentId(), binding.key(), e, false, facts, closures, null);
            }
        }
    }

    private void keep(ObservedChange change) {
        unsaved.remove(change.key()); // re-inserted last: the changes stay in the order they last happened
        unsaved.put(change.key(), change);
    }

    /**
     * The running states changed since the last call, the newest per object: a checkpoint writes them together with
     * the baselines, as of the same journal position, so a restart never sees one ahead of the other.
     */
    public List<ObservedChange> drainUnsaved() {
        List<ObservedChange> out = List.copyOf(unsaved.values());
        unsaved.clear();
        return out;
    }

    /**
     * Re-judges an object after its approved state changed. Settings that now match close their alerts with the
     * given closure; new differences are remembered, not raised: drift is raised by a running change.
     */
    public List<AlertClosure> reevaluate(String agentId, ObjectKey key, AlertClosure template) {
        List<AlertClosure> out = new ArrayList<>();
        judge(agentId, key, null, false, f -> { }, out::add, template);
        if ("Role".equals(key.kind()) || "ClusterRole".equals(key.kind())) {
            ConfigObject role = approved.object(agentId, key);
            if (role != null) {
                for (ConfigObject binding : bindingsOf(agentId, key.kind(), role.namespace(), role.name())) {
                    judge(agentId, binding.key(), null, false, f -> { }, out::add, template);
                }
            }
        }
        return out;
    }

    /**
     * Approves the running state of the object a drift behaviour key names, as a verified deployment declared
     * it; returns the closures of its other drifting settings (as accepted).
     */
    public List<AlertClosure> approveRunning(String agentId, String behaviourKey, String by, String reason, long time) {
        ObjectKey key = objectOf(behaviourKey);
        ConfigObject object = key == null ? null : running(agentId, key);
        if (object == null) {
            return List.of();
        }
        Instant at = Instant.ofEpochMilli(time);
        ApprovedConfig.Approval approval = new ApprovedConfig.Approval(object, by, reason, at, null);
        approved.put(approval);
        store.approve(approval);
        return reevaluate(agentId, key, new AlertClosure(agentId, null, AlertClosure.ACCEPTED, by, "approved: " + reason, at));
    }

    /** {@code config:Deployment/shop/web#image|web} → Deployment, shop/web; null for other behaviour keys. */
    public static ObjectKey objectOf(String behaviourKey) {
        String prefix = "config:";
        if (behaviourKey == null || !behaviourKey.startsWith(prefix)) {
            return null;
        }
        String rest = behaviourKey.substring(prefix.length());
        int slash = rest.indexOf('/');
        int hash = rest.indexOf('#');
        if (slash < 0 || hash < slash) {
            return null;
        }
        return new ObjectKey(rest.substring(0, slash), rest.substring(slash + 1, hash));
    }

    /** The running state as this shard knows it: observed, else assumed to be the approved one. */
    public ConfigObject running(String agentId, ObjectKey key) {
        Map<ObjectKey, ConfigObject> objects = observed.get(agentId);
        ConfigObject seen = objects == null ? null : objects.get(key);
        return seen != null ? seen : approved.object(agentId, key);
    }

    /** How many settings of an agent's objects differ from the approved state now. */
    public int drifting(String agentId) {
        return drifting.getOrDefault(agentId, Map.of()).values().stream().mapToInt(Map::size).sum();
    }

    public long unjudged() {
        return unjudged;
    }

    private void judge(String agentId, ObjectKey key, Event cause, boolean unknownDeleted, Consumer<Object> facts,
                       Consumer<AlertClosure> closures, AlertClosure template) {
        ConfigObject approvedObject = approved.object(agentId, key);
        ConfigObject running = running(agentId, key);
        Map<String, ConfigItem> approvedItems;
        if (approvedObject == null && unknownDeleted && ConfigItems.PROTECTIVE.contains(key.kind())) {
            // never seen, now deleted: it was in force a moment ago, so judge its removal
            approvedItems = ConfigItems.of(running.withState(Map.of()), this::approvedRole);
        } else {
            approvedItems = ConfigItems.of(approvedObject, this::approvedRole);
        }
        Map<String, ConfigItem> runningItems = ConfigItems.of(running, (k, ns, n) -> runningRole(agentId, k, ns, n));
        Map<String, Difference> now = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigItem> a : approvedItems.entrySet()) {
            ConfigItem r = runningItems.get(a.getKey());
            if (r == null || !r.value().equals(a.getValue().value())) {
                now.put(a.getKey(), new Difference(a.getValue(), r));
            }
        }
        for (Map.Entry<String, ConfigItem> r : runningItems.entrySet()) {
            if (!approvedItems.containsKey(r.getKey())) {
                now.put(r.getKey(), new Difference(null, r.getValue()));
            }
        }
        Map<ObjectKey, Map<String, Difference>> agentDrift = drifting.computeIfAbsent(agentId, a -> new HashMap<>());
        Map<String, Difference> before = agentDrift.getOrDefault(key, Map.of());
        for (Map.Entry<String, Difference> d : now.entrySet()) {
            if (cause != null && !d.getValue().sameAs(before.get(d.getKey()))) {
                facts.accept(fact(cause, key, running, d.getValue()));
            }
        }
        for (String gone : before.keySet()) {
            if (!now.containsKey(gone)) {
                String behaviour = ConfigDrift.behaviourKey(key.kind(), key.id(), gone);
                closures.accept(template != null
                        ? new AlertClosure(agentId, behaviour, template.status(), template.by(), template.reason(), template.at())
                        : new AlertClosure(agentId, behaviour, AlertClosure.RESOLVED, cause.config().actor(),
                        "returned to the approved state", cause.time()));
            }
        }
        if (now.isEmpty()) {
            agentDrift.remove(key);
        } else {
            agentDrift.put(key, now);
        }
    }

    private static ConfigDrift fact(Event cause, ObjectKey key, ConfigObject running, Difference d) {
        ConfigItem item = d.observed() != null ? d.observed() : d.approved();
        return new ConfigDrift(cause, key.kind(), key.id(), running == null ? null : running.namespace(), item.aspect(),
                item.key(), d.approved() == null ? null : d.approved().value(),
                d.observed() == null ? null : d.observed().value(), item.attributes(),
                d.approved() == null ? null : d.approved().attributes());
    }

    private Map<String, Object> approvedRole(String kind, String namespace, String name) {
        // roles are judged against approved roles only: an approved binding to a role nobody approved has unknown rules
        return null;
    }

    private Map<String, Object> runningRole(String agentId, String kind, String namespace, String name) {
        ConfigObject role = running(agentId, new ObjectKey(kind, namespace == null ? name : namespace + "/" + name));
        return role == null ? null : role.state();
    }

    private List<ConfigObject> bindingsOf(String agentId, String roleKind, String roleNamespace, String roleName) {
        return objects(agentId).stream().filter(o -> RbacItems.BINDING_KINDS.contains(o.kind())
                && RbacItems.refersTo(running(agentId, o.key()), roleKind, roleNamespace, roleName)).toList();
    }

    private List<ConfigObject> known(String agentId, String kind, String namespace) {
        return objects(agentId).stream().filter(o -> o.kind().equals(kind) && Objects.equals(o.namespace(), namespace)
                && !"*".equals(o.name())).toList();
    }

    /** Every object of the agent, approved or running; the running one where both are known. */
    private List<ConfigObject> objects(String agentId) {
        Map<ObjectKey, ConfigObject> all = new LinkedHashMap<>();
        for (ApprovedConfig.Approval a : approved.of(agentId)) {
            all.put(a.object().key(), a.object());
        }
        all.putAll(observed.getOrDefault(agentId, Map.of()));
        return new ArrayList<>(all.values());
    }

    private static boolean ownedByController(Map<String, Object> state) {
        return Maps.maps(state, "metadata", "ownerReferences").stream().anyMatch(r -> Maps.isTrue(r, "controller"));
    }
}
