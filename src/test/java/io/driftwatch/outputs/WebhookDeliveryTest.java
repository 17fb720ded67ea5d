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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * A receiver that fails twice then accepts gets the alert on the third attempt, with the same delivery id every
 * time and a signature it can verify with the shared secret.
 */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
class WebhookDeliveryTest {

    record Received(String delivery, String timestamp, String signature, byte[] body) {
    }

    @Inject
    DataSource db;

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger(2);
    final CountDownLatch accepted = new CountDownLatch(1);

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", WebhookTestProfile.PORT), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (status == 204) {
                accepted.countDown();
            }
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

        assertTrue(accepted.await(30, TimeUnit.SECONDS), "the receiver accepted a delivery; got " + received.size());
        assertEquals(3, received.size(), "two failed attempts, then the one accepted");
        Received last = received.get(2);
        assertTrue(received.stream().allMatch(r -> r.delivery().equals(last.delivery())),
                "every attempt carries the same delivery id, for the receiver's deduplication");
        assertTrue(WebhookSignature.verify(WebhookTestProfile.SECRET, last.timestamp(), last.signature(), last.body(),
                Instant.now().getEpochSecond(), 300), "the receiver verifies the signature with the shared secret");
        assertFalse(WebhookSignature.verify("another secret", last.timestamp(), last.signature(), last.body(),
                Instant.now().getEpochSecond(), 300));
        byte[] altered = new String(last.body(), StandardCharsets.UTF_8).replace("hook-a", "hook-b").getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(WebhookTestProfile.SECRET, last.timestamp(), last.signature(), altered,
                Instant.now().getEpochSecond(), 300), "an altered body does not verify");

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
