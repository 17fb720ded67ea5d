package io.driftwatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Falco, Tetragon and Sysmon endpoints as a sensor or a user with curl meets them, with the fixtures under
 * testdata/formats. What their events make the rules do is in the feed-* scenarios (ScenarioTest).
 */
@QuarkusTest
class RuntimeFeedsResourceTest {

    static byte[] fixture(String path) throws IOException {
        return Files.readAllBytes(Path.of("testdata/formats").resolve(path));
    }

    @Test
    void falcosHttpOutputPostIsAccepted() throws IOException {
        given().contentType("application/json").body(fixture("falco/http-output.json"))
                .post("/ingest/falco").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", empty()).body("ignored", empty());
    }

    @Test
    void aFalcoAlertOfAnotherSourceIsListedAsIgnoredNotRejected() throws IOException {
        given().contentType("application/x-ndjson").body(fixture("falco/alerts.ndjson"))
                .post("/ingest/falco").then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", empty())
                .body("ignored", hasSize(1)).body("ignored[0].index", equalTo(2)).body("ignored[0].line", equalTo(3))
                .body("ignored[0].reason", startsWith("source k8s_audit"));
    }

    @Test
    void badFalcoAlertsAreAProblemListingEachWithLineFieldAndReason() throws IOException {
        given().contentType("application/x-ndjson").body(fixture("falco/bad-alerts.ndjson"))
                .post("/ingest/falco").then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(5))
                .body("errors[0].index", equalTo(0)).body("errors[0].line", equalTo(1))
                .body("errors[0].field", equalTo("output_fields.proc.pid"))
                .body("errors[3].reason", startsWith("malformed JSON"))
                .body("errors[4].field", equalTo("hostname"));
    }

    @Test
    void agentNamesTheHostOfAlertsWithoutOne() {
        String alert = "{\"time\":\"2026-02-01T10:00:00Z\",\"output_fields\":{\"proc.exepath\":\"/bin/sh\"}}";
        given().contentType("application/json").body(alert.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/falco?agent=legacy-falco-host").then().statusCode(200).body("accepted", equalTo(1));
        given().get("/agents/legacy-falco-host/baseline").then().statusCode(200);
    }

    @Test
    void aTetragonExportIsMappedAndItsExitsAndPlainKprobesIgnored() throws IOException {
        given().contentType("application/x-ndjson").body(fixture("tetragon/export.ndjson"))
                .post("/ingest/tetragon").then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", empty())
                .body("ignored", hasSize(2)).body("ignored[0].reason", startsWith("process_kprobe fd_install"))
                .body("ignored[1].reason", startsWith("process_exit"));
    }

    @Test
    void aBadTetragonLineCostsOnlyItself() throws IOException {
        byte[] good = fixture("tetragon/export.ndjson");
        // another exec than the fixture's: an exec_id seen before is a duplicate, processed once
        String exec = new String(good, StandardCharsets.UTF_8).lines().findFirst().orElseThrow()
                .replace("bm9kZS03OjEwMDE6NDcxMQ==", "bm9kZS03OjEwMDE6OTk5OQ==");
        String body = exec + "\n{\"process_exec\": [\n";
        given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/tetragon").then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", hasSize(1)).body("rejected[0].index", equalTo(1)).body("rejected[0].line", equalTo(2))
                .body("rejected[0].field", equalTo("")).body("rejected[0].reason", startsWith("malformed JSON at column"));
    }

    @Test
    void sysmonInBothShapes() throws IOException {
        given().contentType("application/x-ndjson").body(fixture("sysmon/winlogbeat.ndjson"))
                .post("/ingest/sysmon").then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", empty()).body("ignored", hasSize(2));
        given().contentType("application/x-ndjson").body(fixture("sysmon/flat.ndjson"))
                .post("/ingest/sysmon").then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", empty())
                .body("ignored[0].reason", containsString("Sysmon event 10 (process accessed)"));
    }

    @Test
    void anImageLoadWithoutSha256IsRejectedNamingHashes() throws IOException {
        given().contentType("application/x-ndjson").body(fixture("sysmon/bad-events.ndjson"))
                .post("/ingest/sysmon").then().statusCode(400)
                .body("errors[0].field", equalTo("Hashes")).body("errors[0].line", equalTo(1))
                .body("errors[0].reason", containsString("HashAlgorithms must include SHA256"));
    }

    @Test
    void anEmptyBodyIsA400AndAJsonArrayElementHasNoLine() {
        given().contentType("application/json").body(new byte[0]).post("/ingest/sysmon").then().statusCode(400);
        given().contentType("application/json").body("[{\"EventID\": 1}]".getBytes(StandardCharsets.UTF_8))
                .post("/ingest/sysmon").then().statusCode(400)
                .body("errors[0].index", equalTo(0)).body("errors[0].line", nullValue());
    }
}
