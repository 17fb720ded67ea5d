package io.driftwatch.outputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Webhooks to a receiver the test starts on a free port; the test sends (no scheduler) and moves the clock itself.
 * A database of its own.
 */
public class WebhookTestProfile implements QuarkusTestProfile {

    static final String SECRET = "webhook-test-secret-0123456789abcdef";
    static final int PORT = freePort();

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Set<Class<?>> getEnabledAlternatives() {
        return java.util.Set.of(AdjustableClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("driftwatch.webhooks.urls", "http://127.0.0.1:" + PORT + "/hook",
                "driftwatch.webhooks.secret", SECRET,
                "driftwatch.webhooks.initial-backoff", "100ms",
                "driftwatch.webhooks.max-backoff", "1s",
                "quarkus.scheduler.enabled", "false",
                "driftwatch.webhooks.max-attempts", "5",
                "driftwatch.admin-token", "test-admin-token",
                "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:webhook-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }
}
