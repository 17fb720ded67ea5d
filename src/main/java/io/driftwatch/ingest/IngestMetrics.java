package io.driftwatch.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.driftwatch.engine.BatchResult;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of what ingestion did: events accepted, duplicates, late, and rejections by field. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(BatchResult r) {
        registry.counter("driftwatch.events.accepted").increment(r.processed());
        registry.counter("driftwatch.events.duplicates").increment(r.duplicates());
        registry.counter("driftwatch.events.late").increment(r.late());
    }

    void rejected(List<ReadResult.Rejection> rejections) {
        for (ReadResult.Rejection r : rejections) {
            registry.counter("driftwatch.events.rejected", "field", topLevel(r.field())).increment();
        }
    }

    /** The contract's top-level field, or "other": a label must not take values a client chooses. */
    static String topLevel(String field) {
        if (field == null || field.isEmpty()) {
            return "event";
        }
        int end = field.length();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        String top = field.substring(0, end);
        return CONTRACT_FIELDS.contains(top) ? top : "other";
    }

    private static final java.util.Set<String> CONTRACT_FIELDS = java.util.Set.of("id", "agentId", "time", "type",
            "process", "container", "network", "module", "api", "resource", "config");
}
