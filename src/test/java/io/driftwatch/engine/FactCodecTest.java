package io.driftwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.driftwatch.event.ApiRate;
import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;
import io.driftwatch.event.Finding;
import io.driftwatch.event.Novelty;
import io.driftwatch.event.ResourceSample;

class FactCodecTest {

    static final Instant T = Instant.parse("2026-11-20T10:15:30.123456789Z");
    static final String PYTHON = "/usr/bin/python3";

    @Test
    void aMixedWorkingMemoryComesBackInOrderWithEveryGetterEqual() {
        List<Object> facts = List.of(
                new Novelty("web-1", BehaviourKind.LINEAGE, PYTHON + " -> /bin/bash", Novelty.Status.NEW,
                        TestEvents.process("web-1", T, PYTHON, "/bin/bash"), Set.of("web", "prod"), 1.25, 42),
                new Novelty("web-1", BehaviourKind.DESTINATION, "198.51.100.0/24", Novelty.Status.QUARANTINED,
                        TestEvents.outbound("web-1", T.plusSeconds(5), "198.51.100.7", null), Set.of(), 0.0, 0),
                new Novelty("web-1", BehaviourKind.MODULE, PYTHON + " loads " + TestEvents.sha(7), Novelty.Status.NEW,
                        TestEvents.module("web-1", T.plusSeconds(6), PYTHON, "/tmp/x.so", TestEvents.sha(7)),
                        Set.of("web"), 0.04, 311),
                new ResourceSample("web-1", ResourceSample.CPU, 3.75, 1.1, T.toEpochMilli() - 60_000, 17,
                        TestEvents.resource("web-1", T.plusSeconds(60), 3.75, 4_000_000_000L, 60)),
                new ApiRate("aws-prod", "arn:aws:iam::123456789012:user/ci", 912, 40.5, 120.0,
                        TestEvents.api("aws-prod", T.plusSeconds(90), "arn:aws:iam::123456789012:user/ci", "PutObject")),
                securityGroupDrift(),
                new ConfigDrift(config(null), "Deployment", "shop/web", "shop", "image", "image|web", "shop/web@sha256:"
                        + TestEvents.sha(1), null, null, Map.of("container", "web", "digest", "sha256:" + TestEvents.sha(1))));

        List<Object> decoded = FactCodec.decode(FactCodec.encode(facts));

        assertEquals(facts.size(), decoded.size());
        for (int i = 0; i < facts.size(); i++) {
            assertNotSame(facts.get(i), decoded.get(i));
            assertSameGetters(facts.get(i), decoded.get(i));
        }
    }

    @Test
    void numbersInFreeFormMapsKeepTheTypesJacksonGaveThemOnIngest() {
        ConfigDrift decoded = (ConfigDrift) FactCodec.decode(FactCodec.encode(List.of(securityGroupDrift()))).get(0);

        assertInstanceOf(Integer.class, decoded.getAttributes().get("fromPort"));
        assertInstanceOf(Long.class, decoded.getAttributes().get("bytes"));
        assertInstanceOf(Double.class, decoded.getAttributes().get("weight"));
        Map<?, ?> limits = (Map<?, ?>) decoded.getEvent().config().after().get("limits");
        assertInstanceOf(Double.class, limits.get("cpu"));
        assertTrue(decoded.coversPort(22));
        assertTrue(decoded.isPublicSource());
    }

    @Test
    void aLongThatFitsAnIntComesBackAsAnInteger() {
        ConfigDrift drift = new ConfigDrift(config(null), "SecurityGroup", "eu-west-1/sg-1", "eu-west-1", "ingress",
                "k", null, "v", Map.of("fromPort", 22L), null);

        ConfigDrift decoded = (ConfigDrift) FactCodec.decode(FactCodec.encode(List.of(drift))).get(0);

        assertEquals(22, decoded.getAttributes().get("fromPort"), "documented: JSON does not say Long; producers use Integer");
        assertTrue(decoded.coversPort(22), "rules read numbers by intValue(), so they match alike");
    }

    @Test
    void nonFiniteDoublesSurvive() {
        ApiRate rate = new ApiRate("a", "*", 5, Double.NaN, Double.POSITIVE_INFINITY,
                TestEvents.api("a", T, "p", "op"));

        assertSameGetters(rate, FactCodec.decode(FactCodec.encode(List.of(rate))).get(0));
    }

    @Test
    void thousandsOfFactsRoundTrip() {
        List<Object> facts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            facts.add(new Novelty("web-" + i % 50, BehaviourKind.DESTINATION, "203.0.113." + i % 256, Novelty.Status.NEW,
                    TestEvents.outbound("web-" + i % 50, T.plusMillis(i), "203.0.113." + i % 256, "h" + i + ".example"),
                    Set.of("web"), i / 7.0, i));
        }

        List<Object> decoded = FactCodec.decode(FactCodec.encode(facts));

        assertEquals(facts.size(), decoded.size());
        assertSameGetters(facts.get(4_999), decoded.get(4_999));
    }

    @Test
    void anEmptyWorkingMemoryRoundTrips() {
        assertEquals(List.of(), FactCodec.decode(FactCodec.encode(List.of())));
    }

    @Test
    void aFactOfAnotherClassIsRefusedByName() {
        List<Object> facts = List.of(new Finding("r", "a", "k", "high"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactCodec.encode(facts));

        assertTrue(e.getMessage().contains("io.driftwatch.event.Finding"), e.getMessage());
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] data = FactCodec.encode(List.of());
        data[0] = 99;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactCodec.decode(data));

        assertTrue(e.getMessage().contains("unknown fact checkpoint version 99"), e.getMessage());
    }

    @Test
    void corruptDataIsRefused() {
        byte[] data = FactCodec.encode(List.of(securityGroupDrift()));
        data[data.length / 2] ^= 0x5a;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactCodec.decode(data));

        assertTrue(e.getMessage().startsWith("corrupt fact checkpoint"), e.getMessage());
    }

    /** An ingress rule opened to the internet, attributes shaped as CloudItems builds them from the event. */
    static ConfigDrift securityGroupDrift() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("protocol", "tcp");
        rule.put("fromPort", 22);
        rule.put("toPort", 22);
        rule.put("cidr", "208.236.235.254/0");
        rule.put("description", null);
        rule.put("bytes", 12_345_678_901L);
        rule.put("weight", 0.5);
        Map<String, Object> attributes = new LinkedHashMap<>(rule);
        attributes.put("direction", "ingress");
        attributes.put("action", "allow");
        attributes.put("tags", List.of("ssh", Map.of("owner", "ops", "ttl", 3600), List.of(1, 2L << 40)));
        Map<String, Object> approved = Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/0",
                "flags", Map.of("logged", true, "ratio", 0.25));
        return new ConfigDrift(config(Map.of("ingress", List.of(rule))), "SecurityGroup", "eu-west-1/sg-1",
                "eu-west-1", "ingress", "ingress|tcp|port 22|208.236.235.254/0", "allow tcp 443 0.0.0.0/0",
                "allow tcp 22 208.236.235.254/0", attributes, approved);
    }

    /** A config event with a nested after-map. */
    static Event config(Map<String, Object> extra) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("replicas", 3);
        after.put("hostNetwork", true);
        after.put("limits", Map.of("cpu", 1.5, "memory", "512Mi"));
        after.put("ports", List.of(80, 443));
        after.put("big", 12_345_678_901L);
        after.put("note", null);
        if (extra != null) {
            after.putAll(extra);
        }
        return new Event("evt-9", "aws-prod", T.plusSeconds(120), EventType.CONFIG,
                new Event.Process("/usr/local/bin/terraform", List.of("apply"), 4242L, "ci", new Event.Parent("/bin/sh", 1L),
                        List.of("/bin/sh", "/sbin/init")),
                new Event.Container("c1", "hashicorp/terraform:1.9", null), null, null, null, null,
                new Event.Config("SecurityGroup", "eu-west-1/sg-1", "update", Map.of("replicas", 2), after, "mallory",
                        "eu-west-1", "sg-1"));
    }

    /** Every public zero-argument getter of the class, so a getter added later is compared too. */
    static void assertSameGetters(Object expected, Object actual) {
        assertEquals(expected.getClass(), actual.getClass());
        List<String> compared = new ArrayList<>();
        for (Method m : expected.getClass().getMethods()) {
            boolean getter = m.getName().startsWith("get") || m.getName().startsWith("is");
            if (!getter || m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            assertEquals(invoke(m, expected), invoke(m, actual), expected + " " + m.getName());
            compared.add(m.getName());
        }
        assertTrue(compared.contains("getEvent") && compared.contains("getTimestamp"), compared.toString());
    }

    private static Object invoke(Method m, Object on) {
        try {
            return m.invoke(on);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(m.getName() + " failed", e);
        }
    }
}
