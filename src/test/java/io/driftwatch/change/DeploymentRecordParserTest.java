package io.driftwatch.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.driftwatch.change.RecordParser.FieldProblem;
import io.driftwatch.change.RecordParser.Parsed;
import io.driftwatch.event.Deployment;

/** Reading and validating a record body, and the fact the engine gets from it. */
class DeploymentRecordParserTest {

    static List<String> fields(Parsed p) {
        return p.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void aFullRecordBecomesTheEnginesFact() {
        String body = DeploymentTestKeys.record("r1", "shop-web-release", "web-1");
        Parsed p = RecordParser.parse(body);
        assertTrue(p.ok(), () -> p.problems().toString());
        Deployment d = p.record().toFact("r1");
        assertEquals("r1", d.id());
        assertEquals("shop-web", d.service());
        assertEquals(Set.of("web-1"), d.agents());
        assertEquals(Set.of("shop"), d.groups());
        assertEquals("prod-eu", d.cluster());
        assertEquals("shop", d.namespace());
        assertEquals("111122223333", d.account());
        assertEquals(Set.of("sha256:4f1c0ee5b0d54c0f2a4e6d1f7d2b9a8c3e5f60718293a4b5c6d7e8f90a1b2c3d"), d.imageDigests());
        assertEquals(Set.of("/usr/bin/python3 -> /usr/bin/git"), d.lineages());
        assertEquals(Set.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), d.moduleHashes());
        assertEquals(Set.of("api.github.com"), d.destinations());
        assertEquals(Set.of("Deployment/shop/web"), d.configObjects());
        assertEquals("9fceb02d0ae598e95dc970b74767f19372d61af8", d.commit());
        assertEquals("4711", d.pipelineRun());
        assertEquals("alice@example.com", d.actor());
        assertEquals(java.time.Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), d.startedAt());
        assertEquals(java.time.Instant.parse("2026-11-20T10:04:00Z").toEpochMilli(), d.finishedAt());
    }

    @Test
    void theMinimalRecordNeedsNoExpectationsAndRunsAreNamedByUrlWithoutAnId() {
        String body = """
                {"service": "s", "scope": {"cluster": "prod-eu"}, "images": [], "pipeline": {"name": "p", "url": "https://ci/1"},
                 "actor": "a", "startedAt": "2026-11-20T10:00:00+01:00", "finishedAt": "2026-11-20T09:00:00Z"}""";
        Parsed p = RecordParser.parse(body);
        assertTrue(p.ok(), () -> p.problems().toString());
        assertNull(p.record().id());
        Deployment d = p.record().toFact(RecordParser.storedId(p.record(), body));
        assertEquals("https://ci/1", d.pipelineRun());
        assertTrue(d.moduleHashes().isEmpty());
        assertEquals(RecordParser.storedId(p.record(), body), RecordParser.storedId(p.record(), body));
        assertNotEquals(RecordParser.storedId(p.record(), body), RecordParser.storedId(p.record(), body + " "));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Parsed p = RecordParser.parse("""
                {"id": "has space", "scope": {}, "images": [{"name": "x", "digest": "md5:1"}, 3],
                 "pipeline": {}, "startedAt": "2026-11-20T10:00:00Z", "finishedAt": "2026-11-20T09:00:00Z",
                 "commit": "xyz", "expects": {"lineages": ["bash"], "moduleHashes": ["abc"], "configObjects": ["web"], "lineage": []},
                 "environment": "prod"}""");
        assertEquals(List.of("environment", "id", "service", "scope", "commit", "images[0].digest", "images[1]",
                "pipeline.name", "actor", "finishedAt", "expects.lineage", "expects.lineages[0]",
                "expects.moduleHashes[0]", "expects.configObjects[0]"), fields(p));
        assertNull(p.record());
    }

    @Test
    void requiredPartsMissingEntirely() {
        Parsed p = RecordParser.parse("{}");
        assertEquals(List.of("service", "scope", "images", "pipeline", "actor", "startedAt", "finishedAt"), fields(p));
        assertTrue(p.problems().get(2).reason().contains("empty list"));
    }

    @Test
    void bodiesThatCouldMeanTwoThingsAreRefused() {
        String dup = DeploymentTestKeys.record("r1", "p", "a").replaceFirst("\"service\": \"shop-web\"",
                "\"service\": \"shop-web\", \"service\": \"other\"");
        assertEquals(List.of(""), fields(RecordParser.parse(dup)));
        assertEquals(List.of(""), fields(RecordParser.parse("{} {}")));
        assertEquals(List.of(""), fields(RecordParser.parse("[1]")));
        assertEquals(List.of("finishedAt"), fields(RecordParser.parse(DeploymentTestKeys.record("r1", "p", "a")
                .replace("2026-11-20T10:04:00+00:00", "2026-11-20 10:04"))));
    }

    @Test
    void peekReadsWhatTheSignatureCheckAndTheLogNeed() {
        assertEquals(new RecordParser.Peek("r1", "p"), RecordParser.peek(DeploymentTestKeys.record("r1", "p", "a")));
        assertEquals(new RecordParser.Peek(null, null), RecordParser.peek("not json"));
        assertEquals(new RecordParser.Peek(null, null), RecordParser.peek("{\"id\": 3, \"pipeline\": \"p\"}"));
    }
}
