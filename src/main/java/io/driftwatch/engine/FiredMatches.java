package io.driftwatch.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.runtime.rule.Match;

/**
 * Drools re-fires a rule for an old trigger whenever an accumulate over its window changes. A detection is
 * about a combination of facts, so each rule may raise once per combination (compared by identity);
 * repeats are cancelled before the consequence runs. Entries are forgotten after the facts' lifetime.
 */
final class FiredMatches {

    private static final long RETENTION = 3 * 3_600_000L;
    private final Map<Key, Long> fired = new LinkedHashMap<>();

    /** True when this rule has already fired for exactly these facts. Records it otherwise. */
    boolean isRepeat(Match match, long clock) {
        List<Object> facts = new ArrayList<>(2);
        for (Object o : match.getObjects()) {
            if (o != null && o.getClass().getPackageName().equals("io.driftwatch.event")) {
                facts.add(o);
            }
        }
        return fired.putIfAbsent(new Key(match.getRule().getName(), facts), clock) != null;
    }

    void forgetBefore(long clock) {
        Iterator<Map.Entry<Key, Long>> it = fired.entrySet().iterator();
        while (it.hasNext() && it.next().getValue() < clock - RETENTION) {
            it.remove();
        }
    }

    int size() {
        return fired.size();
    }

    private record Key(String rule, List<Object> facts) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || !k.rule.equals(rule) || k.facts.size() != facts.size()) {
                return false;
            }
            for (int i = 0; i < facts.size(); i++) {
                if (facts.get(i) != k.facts.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = rule.hashCode();
            for (Object f : facts) {
                h = 31 * h + System.identityHashCode(f);
            }
            return h;
        }
    }
}
