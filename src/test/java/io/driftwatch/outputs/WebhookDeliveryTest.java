package io.driftwatch.outputs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.driftwatch.Misbehaviour;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A receiver that fails twice then accepts gets the alert on the third attempt, after the backoff (100 ms, then
 * 200 ms on the service's clock), with the same delivery id every time and a signature it can verify with the
 * shared secret.
 */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
class WebhookDeliveryTest {

    record Received(String delivery, String timestamp, String signature, byte[] body) {
    }

    @Inject
    DataSource db;
    @Inject
    WebhookSender sender;
    @Inject
    AdjustableClock clock;

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger(2);

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", WebhookTestProfile.PORT), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE), body));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }


    @Test
    void aFailingReceiverGetsTheAlertOnALaterAttemptSignedAndWithOneDeliveryId() throws Exception {
        given().contentType("application/x-ndjson").body(Misbehaviour.routineThen("hook-a", "/bin/nc").getBytes(StandardCharsets.UTF_8))
                .post("/events").then().statusCode(200);

        assertEquals(0, sender.sendDue(), "attempt 1");
        assertEquals(1, received.size());
        assertEquals(0, sender.sendDue(), "not due before its backoff ran out");
        assertEquals(1, received.size());
        clock.advance(Duration.ofMillis(100));
        assertEquals(0, sender.sendDue(), "attempt 2");
        clock.advance(Duration.ofMillis(199));
        assertEquals(0, sender.sendDue(), "the backoff doubled");
        assertEquals(2, received.size());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, sender.sendDue(), "attempt 3 is accepted");
        assertEquals(3, received.size());
        Received last = received.get(2);
        assertTrue(received.stream().allMatch(r -> r.delivery().equals(last.delivery())),
                "every attempt carries the same delivery id, for the receiver's deduplication");
        assertTrue(WebhookSignature.verify(WebhookTestProfile.SECRET, last.timestamp(), last.signature(), last.body(),
                clock.instant().getEpochSecond(), 300), "the receiver verifies the signature with the shared secret");
        assertFalse(WebhookSignature.verify("another secret", last.timestamp(), last.signature(), last.body(),
                clock.instant().getEpochSecond(), 300));
        byte[] altered = new String(last.body(), StandardCharsets.UTF_8).replace("hook-a", "hook-b").getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(WebhookTestProfile.SECRET, last.timestamp(), last.signature(), altered,
                clock.instant().getEpochSecond(), 300), "an altered body does not verify");

        JsonNode finding = new ObjectMapper().readTree(last.body());
        assertEquals(2004, finding.path("class_uid").asInt());
        assertEquals(2, finding.path("category_uid").asInt());
        assertEquals(1, finding.path("activity_id").asInt());
        assertEquals("hook-a", finding.path("resources").path(0).path("uid").asText());
        assertNotNull(finding.path("finding_info").path("uid").textValue());

        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT attempts, delivered_at, last_error FROM webhook_delivery WHERE id = ?")) {
            s.setString(1, last.delivery());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                rs.getLong(2);
                assertFalse(rs.wasNull(), "marked delivered");
            }
        }
    }
}
