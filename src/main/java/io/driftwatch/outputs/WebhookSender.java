package io.driftwatch.outputs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.driftwatch.config.DriftwatchConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends what the webhook outbox holds: each delivery POSTed with its id, timestamp and HMAC signature in headers;
 * a 2xx answer marks it delivered, anything else (or no answer) schedules the next attempt after an exponential
 * backoff, until the attempts run out. The outbox is a table, so deliveries survive a restart.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final int BATCH = 100;

    private final WebhookOutbox outbox;
    private final DriftwatchConfig.Webhooks config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final HttpClient http;

    public WebhookSender(WebhookOutbox outbox, DriftwatchConfig config, Clock clock, MeterRegistry metrics) {
        this.outbox = outbox;
        this.config = config.webhooks();
        this.clock = clock;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes StartupEvent ignored) {
        if (!outbox.enabled()) {
            return;
        }
        if (config.secret().filter(s -> !s.isBlank()).isEmpty()) {
            // an unsigned delivery cannot be told from a forged one: refuse to run rather than send them
            throw new IllegalStateException("driftwatch.webhooks.urls is set but driftwatch.webhooks.secret is not: "
                    + "every delivery is signed with it");
        }
        if (config.maxAttempts() < 1) {
            throw new IllegalStateException("driftwatch.webhooks.max-attempts must be at least 1");
        }
        Gauge.builder("driftwatch.webhooks.pending", outbox, WebhookOutbox::pending)
                .description("webhook deliveries not yet delivered nor given up").register(metrics);
        LOG.infof("webhooks: alert changes are sent to %d URLs (%d attempts at most)", outbox.urls().size(),
                config.maxAttempts());
    }

    @Scheduled(every = "${driftwatch.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (outbox.enabled()) {
            sendDue();
        }
    }

    /** Delivered rows are kept a week (what was sent, when, after how many attempts), then dropped. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        if (outbox.enabled()) {
            outbox.purgeDelivered(clock.instant().minus(Duration.ofDays(7)));
        }
    }

    /** Sends every due delivery once; returns how many were delivered. */
    public int sendDue() {
        int delivered = 0;
        Instant now = clock.instant();
        for (WebhookOutbox.Delivery d : outbox.due(now, BATCH)) {
            if (!outbox.claim(d, now.plus(config.timeout()).plusSeconds(5))) {
                continue; // another instance is sending it
            }
            if (send(d)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean send(WebhookOutbox.Delivery d) {
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        long ts = clock.instant().getEpochSecond();
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.DELIVERY, d.id())
                    .header(WebhookSignature.TIMESTAMP, Long.toString(ts))
                    .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(config.secret().orElseThrow(), ts, body))
                    .header(WebhookSignature.EVENT, "detection_finding")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                outbox.delivered(d, clock.instant());
                metrics.counter("driftwatch.webhooks.deliveries", "outcome", "delivered").increment();
                return true;
            }
            error = "HTTP " + response.statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int attempt = d.attempts() + 1;
        Instant now = clock.instant();
        if (attempt >= config.maxAttempts()) {
            outbox.failed(d, error, now, null);
            metrics.counter("driftwatch.webhooks.deliveries", "outcome", "failed").increment();
            LOG.errorf("webhook delivery %s of alert %s to %s given up after %d attempts: %s", d.id(), d.alertId(),
                    d.url(), attempt, error);
        } else {
            Duration wait = backoff(attempt);
            outbox.failed(d, error, now, now.plus(wait));
            metrics.counter("driftwatch.webhooks.deliveries", "outcome", "retry").increment();
            LOG.warnf("webhook delivery %s of alert %s to %s failed (attempt %d of %d, next in %s): %s", d.id(),
                    d.alertId(), d.url(), attempt, config.maxAttempts(), wait, error);
        }
        return false;
    }

    /** The wait after the n-th failed attempt: initial × 2^(n-1), at most the maximum. */
    Duration backoff(int failedAttempts) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        int shift = Math.min(failedAttempts - 1, 30);
        long wait = initial > max >> shift ? max : initial << shift;
        return Duration.ofMillis(Math.min(max, Math.max(0, wait)));
    }
}
