package io.driftwatch.outputs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.alert.Alert;
import io.driftwatch.alert.AlertStore;
import io.driftwatch.audit.AuditEntry;
import io.driftwatch.audit.AuditLog;
import io.driftwatch.audit.AuditQuery;
import io.quarkus.scheduler.Scheduled;

/**
 * The live stream of alert changes for consoles. It follows the audit log, where every alert opened, suppressed or
 * closed is an entry committed with the alert: so it shows only committed changes, the same on every instance, and
 * an entry's seq is the event id a client resumes from (Last-Event-ID). One reader on a schedule serves every
 * client; each client has its own position and filters, and everything is sent from that reader's thread.
 */
@ApplicationScoped
public class AlertStream {

    private static final Logger LOG = Logger.getLogger(AlertStream.class);
    private static final int PAGE = 500;
    /** A comment this often on a quiet stream keeps proxies from closing it and finds clients that left. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final AuditLog audit;
    private final AlertStore alerts;
    private final ObjectMapper json;
    private final String version;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public AlertStream(AuditLog audit, AlertStore alerts, ObjectMapper json, Clock clock,
                       @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.clock = clock;
        this.audit = audit;
        this.alerts = alerts;
        this.json = json;
        this.version = version;
    }

    /** One connected console: where it is in the log and what it wants. */
    static final class Client {
        final SseEventSink sink;
        final Sse sse;
        final String severity;
        final String agentId;
        volatile long after;
        volatile Instant lastSent;

        Client(SseEventSink sink, Sse sse, String severity, String agentId, long after, Instant now) {
            this.lastSent = now;
            this.sink = sink;
            this.sse = sse;
            this.severity = severity;
            this.agentId = agentId;
            this.after = after;
        }

        boolean wants(JsonNode details) {
            return (severity == null || severity.equals(details.path("severity").asText()))
                    && (agentId == null || agentId.equals(details.path("agentId").asText()));
        }
    }

    /** @param after the Last-Event-ID to resume after; null: from now on */
    public void subscribe(SseEventSink sink, Sse sse, String severity, String agentId, Long after) {
        long from = after != null ? after : audit.lastSeq();
        sink.send(sse.newEventBuilder().comment("driftwatch alert stream; resuming after " + from).build());
        clients.add(new Client(sink, sse, blankToNull(severity), blankToNull(agentId), from, clock.instant()));
    }

    public int clients() {
        return clients.size();
    }

    @Scheduled(every = "${driftwatch.stream.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        clients.removeIf(c -> c.sink.isClosed());
        if (clients.isEmpty()) {
            return;
        }
        try {
            push();
        } catch (RuntimeException e) {
            LOG.warnf("alert stream: cannot read the audit log now (clients keep their place): %s", e.getMessage());
        }
        Instant now = clock.instant();
        for (Client c : clients) {
            if (c.lastSent.plus(KEEP_ALIVE).isBefore(now)) {
                c.lastSent = now;
                emit(c, c.sse.newEventBuilder().comment("keep-alive").build());
            }
        }
    }

    private void push() {
        long from = clients.stream().mapToLong(c -> c.after).min().orElse(Long.MAX_VALUE);
        List<AuditEntry> entries = audit.find(new AuditQuery(null, null, "alert.", null, null, null, from, PAGE));
        Map<String, Optional<Alert>> loaded = new HashMap<>();
        for (AuditEntry e : entries) {
            JsonNode details = details(e);
            for (Client c : clients) {
                if (e.seq() <= c.after) {
                    continue;
                }
                if (c.wants(details)) {
                    Optional<Alert> a = loaded.computeIfAbsent(e.subjectId(), alerts::get);
                    a.ifPresent(alert -> send(c, e, alert));
                }
                c.after = e.seq();
            }
        }
        if (entries.size() < PAGE) {
            long last = entries.isEmpty() ? from : entries.get(entries.size() - 1).seq();
            for (Client c : clients) {
                c.after = Math.max(c.after, last); // past what was read, even where nothing matched
            }
        }
    }

    private void send(Client c, AuditEntry e, Alert a) {
        int activity = e.action().equals("alert.status-changed") ? (a.resolution() != null ? Ocsf.CLOSE : Ocsf.UPDATE)
                : Ocsf.CREATE;
        try {
            OutboundSseEvent event = c.sse.newEventBuilder().id(Long.toString(e.seq())).name(e.action())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, json.writeValueAsString(Ocsf.finding(a, activity, version))).build();
            c.lastSent = clock.instant();
            emit(c, event);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void emit(Client c, OutboundSseEvent event) {
        try {
            c.sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    clients.remove(c); // the console went away
                }
            });
        } catch (IllegalStateException closed) {
            clients.remove(c);
        }
    }

    private JsonNode details(AuditEntry e) {
        try {
            return json.readTree(e.details());
        } catch (JsonProcessingException ex) {
            return json.createObjectNode();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
