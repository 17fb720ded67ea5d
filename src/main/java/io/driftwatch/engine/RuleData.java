package io.driftwatch.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.driftwatch.event.AllowEntry;
import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.Cidr;
import io.driftwatch.event.NamedList;

/**
 * The analyst-edited data next to the DRL: allowlists and agent groups ({@code rules/allowlists/*.yaml}) and
 * named lists ({@code rules/lists/*.yaml}). Rules read them as facts.
 */
public record RuleData(List<AllowEntry> allow, List<NamedList> lists, Map<String, List<String>> groups) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static RuleData empty() {
        return new RuleData(List.of(), List.of(), Map.of());
    }

    /** Parses the data files; every problem is added to {@code problems} with its file. */
    public static RuleData parse(List<RuleSource> files, List<RuleProblem> problems) {
        List<AllowEntry> allow = new ArrayList<>();
        Map<String, Set<String>> lists = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (RuleSource f : files) {
            String file = "rules/" + f.path();
            Map<?, ?> doc;
            try {
                Object parsed = YAML.readValue(f.text(), Object.class);
                doc = parsed == null ? Map.of() : (Map<?, ?>) parsed;
            } catch (Exception e) {
                problems.add(new RuleProblem(file, null, null, "not a YAML mapping: " + e.getMessage().split("\n")[0]));
                continue;
            }
            if (doc.get("groups") instanceof Map<?, ?> g) {
                g.forEach((name, patterns) -> groups.put(name.toString(), strings(patterns)));
            }
            if (doc.get("allow") instanceof List<?> entries) {
                for (int i = 0; i < entries.size(); i++) {
                    AllowEntry e = entry(entries.get(i), file, i, problems);
                    if (e != null) {
                        allow.add(e);
                    }
                }
            }
            if (doc.get("lists") instanceof Map<?, ?> l) {
                l.forEach((name, values) -> lists.computeIfAbsent(name.toString(), n -> new LinkedHashSet<>())
                        .addAll(strings(values)));
            }
            for (Object key : doc.keySet()) {
                if (!Set.of("groups", "allow", "lists").contains(String.valueOf(key))) {
                    problems.add(new RuleProblem(file, null, null,
                            "unknown section '" + key + "'; known sections: groups, allow, lists"));
                }
            }
        }
        for (AllowEntry e : allow) {
            if (!AllowEntry.EVERY_AGENT.equals(e.getGroup()) && !groups.containsKey(e.getGroup())) {
                problems.add(new RuleProblem(e.getSource(), null, null, "allow entry " + e.getValue()
                        + " names group '" + e.getGroup() + "', which no allowlist file defines"));
            }
        }
        List<NamedList> named = new ArrayList<>();
        lists.forEach((name, values) -> named.add(new NamedList(name, values)));
        return new RuleData(List.copyOf(allow), List.copyOf(named), Map.copyOf(groups));
    }

    private static AllowEntry entry(Object raw, String file, int index, List<RuleProblem> problems) {
        String where = "allow[" + index + "]";
        if (!(raw instanceof Map<?, ?> m)) {
            problems.add(new RuleProblem(file, null, null, where + ": expected a mapping with kind, value, reason"));
            return null;
        }
        BehaviourKind kind = BehaviourKind.fromJson(String.valueOf(m.get("kind")));
        Object value = m.get("value");
        Object reason = m.get("reason");
        if (kind == null) {
            problems.add(new RuleProblem(file, null, null, where + ": kind must be one of lineage, destination, module, api-operation"));
            return null;
        }
        if (value == null || value.toString().isBlank()) {
            problems.add(new RuleProblem(file, null, null, where + ": value is required"));
            return null;
        }
        if (reason == null || reason.toString().isBlank()) {
            problems.add(new RuleProblem(file, null, null, where + ": reason is required (why is this expected?)"));
            return null;
        }
        String v = value.toString().trim();
        if (kind == BehaviourKind.MODULE && !v.matches("[0-9a-fA-F]{64}")) {
            problems.add(new RuleProblem(file, null, null, where + ": a module entry is a sha256 (64 hex digits), got " + v));
            return null;
        }
        if (kind == BehaviourKind.DESTINATION && v.matches("[0-9./]+") && Cidr.parse(v) == null) {
            problems.add(new RuleProblem(file, null, null, where + ": not an IPv4 address or CIDR: " + v));
            return null;
        }
        Object group = m.get("group");
        return new AllowEntry(kind, kind == BehaviourKind.MODULE ? v.toLowerCase() : v,
                group == null ? null : group.toString(), reason.toString(), file);
    }

    private static List<String> strings(Object values) {
        if (values instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return values == null ? List.of() : List.of(values.toString());
    }

    /** The groups an agent belongs to: every group with a pattern (globs allowed) matching its id. */
    public Set<String> groupsOf(String agentId) {
        Set<String> out = new LinkedHashSet<>();
        groups.forEach((name, patterns) -> {
            for (String p : patterns) {
                if (glob(p).matcher(agentId).matches()) {
                    out.add(name);
                    break;
                }
            }
        });
        return out;
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(("\\Q" + glob + "\\E").replace("*", "\\E.*\\Q"));
    }

    /** Every fact the sessions hold for this data. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>(allow);
        facts.addAll(lists);
        return facts;
    }
}
