package io.driftwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends a workload to a running service: NDJSON bodies to {@code POST /events} over a few concurrent
 * connections, one day at a time, then reads {@code GET /alerts}. Each connection carries a fixed share of
 * the agents, so one agent's events always arrive in order. A 429 or 503 is retried after its Retry-After.
 */
final class HttpRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";

    private final URI base;
    private final Workload workload;
    private final int batchSize;
    private final int connections;
    private final long maxSpanMillis;
    private final PrintStream out;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    HttpRun(URI base, Workload workload, int batchSize, int connections, Duration maxSpan, PrintStream out) {
        this.base = base;
        this.workload = workload;
        this.batchSize = batchSize;
        this.connections = connections;
        this.maxSpanMillis = maxSpan.toMillis();
        this.out = out;
    }

    /**
     * Sends every day; returns {events sent, nanos}. Senders go round by round and wait for each other after
     * each, so they stay within one round's span of event time of each other (the engine counts events older
     * than its newest by more than the allowed lateness as late, and a fact's expiry runs on event time).
     */
    long[] send() throws Exception {
        out.printf("%n== http: %s%n   POST %s, at most %,d events per request, %d connections, rounds of at most %d min of event time%n",
                workload.description(), base.resolve("/events"), batchSize, connections, maxSpanMillis / 60_000);
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        long events = 0;
        long nanos = 0;
        try {
            for (int d = 0; d < workload.days(); d++) {
                NdjsonDay day = workload.ndjson(d);
                List<byte[][]> rounds = day.rounds(connections, batchSize, maxSpanMillis);
                long t0 = System.nanoTime();
                List<Future<?>> running = new ArrayList<>(connections);
                for (byte[][] round : rounds) {
                    running.clear();
                    for (byte[] body : round) {
                        if (body != null) {
                            running.add(senders.submit(() -> {
                                post(body);
                                return null;
                            }));
                        }
                    }
                    for (Future<?> f : running) {
                        f.get();
                    }
                }
                long took = System.nanoTime() - t0;
                events += day.lines();
                nanos += took;
                out.printf("   day %d: %,10d events in %6.2f s = %,9.0f events/s (%,d MB of NDJSON in %,d rounds)%n", d + 1,
                        day.lines(), took / 1e9, day.lines() / (took / 1e9), day.bytes() >> 20, rounds.size());
            }
        } finally {
            senders.shutdown();
        }
        out.printf("   %,d requests; the service accepted %,d events (%,d of them late), %,d duplicates, rejected %,d; "
                + "%,d retries after 429/503%n", requests.get(), accepted.get(), late.get(), duplicates.get(),
                rejected.get(), retries.get());
        out.printf("   http: %,d events in %.2f s wall = %,.0f events/s%n", events, nanos / 1e9, events / (nanos / 1e9));
        return new long[] {events, nanos};
    }

    private void post(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                .header("Content-Type", NDJSON).header("Authorization", "Bearer " + ServiceProcess.TOKEN)
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        while (true) {
            requests.incrementAndGet();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 429 || status == 503) {
                retries.incrementAndGet();
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(100, seconds * 1000));
                continue;
            }
            if (status != 200) {
                throw new IOException("POST /events answered " + status + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            JsonNode result = JSON.readTree(response.body());
            accepted.addAndGet(result.path("accepted").asLong());
            duplicates.addAndGet(result.path("duplicates").asLong());
            late.addAndGet(result.path("late").asLong());
            rejected.addAndGet(result.path("rejected").size());
            return;
        }
    }

    /** Every alert the service holds, page by page. */
    AlertCheck alerts() throws IOException, InterruptedException {
        return alerts(client, base);
    }

    /** Every alert the service at {@code base} holds, page by page. */
    static AlertCheck alerts(HttpClient client, URI base) throws IOException, InterruptedException {
        AlertCheck check = new AlertCheck();
        int offset = 0;
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/alerts?limit=1000&offset=" + offset))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + ServiceProcess.TOKEN)
                    .timeout(Duration.ofMinutes(1)).GET().build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET /alerts answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            JsonNode page = JSON.readTree(response.body());
            for (JsonNode a : page.path("items")) {
                check.add(a.path("agentId").asText(), a.path("rule").asText(),
                        a.path("lastEventTime").asText("") + " " + a.path("summary").asText(""));
            }
            JsonNode next = page.path("nextOffset");
            if (!next.isNumber() || page.path("items").size() == 0) {
                return check;
            }
            offset = next.asInt();
        }
    }
}
