package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.time.SessionPseudoClock;

import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.event.Novelty;

/** Pins the Drools CEP behaviour the shipped rules rely on: roles from facts.drl, sliding windows on a pseudo clock. */
class CepSemanticsTest {

    static final String DRL = """
            package t;
            import io.driftwatch.event.*;
            global java.util.List out;
            rule "count destinations in an hour"
                @severity("low") @description("test")
            when
                $n : Novelty(kind == BehaviourKind.DESTINATION, $a : agentId)
                accumulate(Novelty(agentId == $a, kind == BehaviourKind.DESTINATION, $k : key) over window:time(1h);
                           $keys : collectSet($k))
            then
                out.add($n.getKey() + "=" + $keys.size());
            end
            """;

    @Test
    void windowCountsOnlyTheLastHourOfEventTimeAndRefiresOnChange() {
        CompiledRules rules = new RuleCompiler().compile(List.of(new RuleSource("t.drl", DRL)), 1);
        KieSession s = rules.newSession();
        List<String> out = new ArrayList<>();
        s.setGlobal("out", out);
        SessionPseudoClock clock = s.getSessionClock();
        long t0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
        clock.advanceTime(t0, TimeUnit.MILLISECONDS);
        s.insert(novelty("a", t0));
        s.fireAllRules();
        clock.advanceTime(30, TimeUnit.MINUTES);
        s.insert(novelty("b", t0 + 30 * 60_000));
        s.fireAllRules();
        clock.advanceTime(40, TimeUnit.MINUTES);
        s.insert(novelty("c", t0 + 70 * 60_000));
        s.fireAllRules();
        // Drools re-fires older triggers whenever their window's contents change; the engine's
        // FiredMatches lets each combination of facts raise only once.
        assertEquals(List.of("a=1", "b=2", "a=2", "a=2", "b=2", "c=2"), out);
    }

    @Test
    void factsExpireAfterTheirDeclaredLifetime() {
        CompiledRules rules = new RuleCompiler().compile(List.of(new RuleSource("t.drl", DRL)), 2);
        KieSession s = rules.newSession();
        s.setGlobal("out", new ArrayList<>());
        SessionPseudoClock clock = s.getSessionClock();
        long t0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
        clock.advanceTime(t0, TimeUnit.MILLISECONDS);
        s.insert(novelty("a", t0));
        s.fireAllRules();
        assertEquals(1, s.getFactCount());
        clock.advanceTime(3, TimeUnit.HOURS);
        s.fireAllRules();
        assertEquals(0, s.getFactCount());
    }

    @Test
    void aCompileErrorNamesFileLineAndRule() {
        String broken = DRL.replace("$n : Novelty(kind", "$n : Novelty(kind ==== ");
        RuleCompilationException e = org.junit.jupiter.api.Assertions.assertThrows(RuleCompilationException.class,
                () -> new RuleCompiler().compile(List.of(new RuleSource("dir/bad.drl", broken)), 3));
        RuleProblem p = e.problems().get(0);
        assertEquals("rules/dir/bad.drl", p.file());
        assertEquals(7, p.line());
        assertEquals("count destinations in an hour", p.rule());
        assertTrue(p.message().length() > 10, p.message());
    }

    static Novelty novelty(String key, long t) {
        Event e = new Event(null, "agent", Instant.ofEpochMilli(t), EventType.NETWORK, null, null,
                new Event.Network("outbound", "tcp", null, null, "10.0.0.1", 443, key, null, null), null, null, null, null);
        return new Novelty("agent", BehaviourKind.DESTINATION, key, Novelty.Status.NEW, e, Set.of(), 0, 0);
    }
}
