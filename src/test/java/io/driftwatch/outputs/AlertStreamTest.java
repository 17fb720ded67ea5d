package io.driftwatch.outputs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.AsTestAdmin;
import io.driftwatch.Misbehaviour;
import io.quarkus.test.junit.QuarkusTest;

/** A console on GET /alerts/stream sees a new alert as it is stored, and resumes after the last id it saw. */
@QuarkusTest
class AlertStreamTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** One server-sent event as read off the wire. */
    record Sse(String id, String event, String data) {
    }


    /** Opens the stream (after its first comment line arrives) and reads events until one matches or time runs out. */
    CompletableFuture<Sse> firstEvent(String query, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/alerts/stream" + query))
                .header("Authorization", "Bearer " + AsTestAdmin.TOKEN).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String first = lines.readLine(); // the connect comment: the server has registered this client
        assertTrue(first != null && first.startsWith(":"), "a comment first, got " + first);
        return CompletableFuture.supplyAsync(() -> {
            try (lines) {
                String id = null;
                String event = null;
                List<String> data = new ArrayList<>();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (event != null) {
                            return new Sse(id, event, String.join("\n", data));
                        }
                        continue;
                    }
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).trim());
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aNewAlertArrivesAsAnOcsfFindingAndAReconnectResumesAfterItsId() throws Exception {
        CompletableFuture<Sse> live = firstEvent("?agentId=stream-a", null);
        given().contentType("application/x-ndjson").body(Misbehaviour.routineThen("stream-a", "/bin/nc").getBytes(StandardCharsets.UTF_8))
                .post("/events").then().statusCode(200);

        Sse got = live.get(30, TimeUnit.SECONDS);
        assertTrue(got.event().startsWith("alert."), got.event());
        JsonNode finding = new ObjectMapper().readTree(got.data());
        assertEquals(2004, finding.path("class_uid").asInt());
        assertEquals("stream-a", finding.path("unmapped").path("agent_id").asText());

        long seq = Long.parseLong(got.id());
        Sse resumed = firstEvent("?agentId=stream-a", Long.toString(seq - 1)).get(30, TimeUnit.SECONDS);
        assertEquals(got.id(), resumed.id(), "a reconnect after seq-1 gets the same event again");
        assertEquals(finding.path("finding_info").path("uid"),
                new ObjectMapper().readTree(resumed.data()).path("finding_info").path("uid"));
    }
}
