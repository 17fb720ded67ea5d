package io.driftwatch.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.alert.Alert;
import io.driftwatch.change.RecordParser;
import io.driftwatch.drift.ApprovedConfigException;
import io.driftwatch.drift.ApprovedFiles;
import io.driftwatch.event.Deployment;
import io.driftwatch.event.Event;
import io.driftwatch.ingest.EventReader;
import io.driftwatch.ingest.ReaderLimits;
import io.driftwatch.ingest.cloudtrail.CloudTrailReader;
import io.driftwatch.ingest.falco.FalcoReader;
import io.driftwatch.ingest.k8s.K8sAuditReader;
import io.driftwatch.ingest.sysmon.SysmonReader;
import io.driftwatch.ingest.tetragon.TetragonReader;
import io.driftwatch.ingest.ReadLimitException;
import io.driftwatch.ingest.ReadResult;

/**
 * One folder under the scenarios directory: what to replay ({@code events.ndjson} in the event contract, and/or
 * {@code k8s-audit.ndjson}, {@code cloudtrail.ndjson}, {@code falco.ndjson}, {@code tetragon.ndjson} and
 * {@code sysmon.ndjson} as those feeds write them), the approved configuration
 * in force ({@code approved/<agent>/*.yaml}, optional), the verified deployment records in force
 * ({@code deployments.json}, an array of records as CI posts them, optional), and {@code expected.json}.
 */
record ScenarioCase(String name, Path dir) {

    static final String EVENTS = "events.ndjson";
    static final String K8S_AUDIT = "k8s-audit.ndjson";
    static final String CLOUDTRAIL = "cloudtrail.ndjson";
    static final String FALCO = "falco.ndjson";
    static final String TETRAGON = "tetragon.ndjson";
    static final String SYSMON = "sysmon.ndjson";
    static final List<String> INPUTS = List.of(EVENTS, K8S_AUDIT, CLOUDTRAIL, FALCO, TETRAGON, SYSMON);
    static final String APPROVED = "approved";
    static final String DEPLOYMENTS = "deployments.json";
    static final String EXPECTED = "expected.json";
    /** The cluster name Kubernetes audit records of a case are read under, unless expected.json names one. */
    static final String DEFAULT_CLUSTER = "kubernetes";
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    /** What an alert of a replay can be: where enrichment left it (no alert closes during a replay). */
    private static final List<String> STATUSES = List.of(Alert.OPEN, Alert.IN_REVIEW, Alert.SUPPRESSED);
    private static final List<String> FIELDS = List.of("agentId", "rule", "behaviourKey", "severity");
    private static final int REJECTIONS_SHOWN = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What expected.json says: a description, the cluster its audit records come from, every alert it must raise. */
    record Expectation(String description, String cluster, Set<ExpectedAlert> alerts) {
    }

    /** Every folder holding events.ndjson or expected.json, sorted by name (one without the other fails later). */
    static List<ScenarioCase> list(Path scenariosDir) {
        if (!Files.isDirectory(scenariosDir)) {
            throw new IllegalArgumentException("scenarios directory not found: " + scenariosDir);
        }
        try (Stream<Path> dirs = Files.list(scenariosDir)) {
            return dirs.filter(d -> INPUTS.stream().anyMatch(i -> Files.exists(d.resolve(i)))
                            || Files.exists(d.resolve(EXPECTED)))
                    .map(d -> new ScenarioCase(d.getFileName().toString(), d))
                    .sorted((a, b) -> a.name.compareTo(b.name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + scenariosDir, e);
        }
    }

    Expectation expectation() throws ScenarioException {
        requireFile(EXPECTED);
        JsonNode doc;
        try {
            doc = JSON.readTree(dir.resolve(EXPECTED).toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ScenarioException(EXPECTED + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + EXPECTED + ": " + e);
        }
        if (doc == null || !doc.isObject() || !doc.path("alerts").isArray()) {
            throw new ScenarioException(EXPECTED + " must be an object {\"description\": \"...\", \"alerts\": [...]}");
        }
        Set<ExpectedAlert> alerts = new TreeSet<>();
        int i = 0;
        for (JsonNode a : doc.get("alerts")) {
            alerts.add(alert(a, "alerts[" + i++ + "]"));
        }
        return new Expectation(doc.path("description").asText(""), doc.path("cluster").asText(DEFAULT_CLUSTER), alerts);
    }

    private static ExpectedAlert alert(JsonNode a, String where) throws ScenarioException {
        for (String field : FIELDS) {
            if (!a.path(field).isTextual() || a.get(field).asText().isBlank()) {
                throw new ScenarioException(EXPECTED + ": " + where + " needs a text \"" + field + "\" (every alert names "
                        + String.join(", ", FIELDS) + ")");
            }
        }
        String severity = a.get("severity").asText();
        if (!SEVERITIES.contains(severity)) {
            throw new ScenarioException(EXPECTED + ": " + where + ".severity must be one of "
                    + String.join(", ", SEVERITIES) + ", got \"" + severity + "\"");
        }
        String status = a.path("status").asText(Alert.OPEN);
        if (!STATUSES.contains(status)) {
            throw new ScenarioException(EXPECTED + ": " + where + ".status must be one of " + String.join(", ", STATUSES)
                    + ", got \"" + status + "\"");
        }
        return new ExpectedAlert(a.get("agentId").asText(), a.get("rule").asText(), a.get("behaviourKey").asText(), severity,
                status);
    }

    /** The input files the case has, in replay order. */
    List<String> inputs() throws ScenarioException {
        List<String> present = INPUTS.stream().filter(i -> Files.isRegularFile(dir.resolve(i))).toList();
        if (present.isEmpty()) {
            throw new ScenarioException("no input in " + dir + ": expected one or more of " + String.join(", ", INPUTS));
        }
        return present;
    }

    /**
     * Every input's events as the service reads them, ordered by time (stable, so one agent's events keep their
     * order); one rejected record fails the case, as ScenarioTest would.
     */
    List<Event> events(ReaderLimits limits, String cluster) throws ScenarioException {
        List<Event> all = new ArrayList<>();
        for (String input : inputs()) {
            all.addAll(read(input, limits, cluster));
        }
        all.sort(Comparator.comparing(Event::time));
        return all;
    }

    /** The approved configuration in {@code approved/}, empty when the case has none. */
    List<ApprovedFiles.Entry> approved() throws ScenarioException {
        try {
            return ApprovedFiles.read(dir.resolve(APPROVED));
        } catch (ApprovedConfigException e) {
            throw new ScenarioException(APPROVED + "/" + e.getMessage());
        }
    }

    /** Each record of {@code deployments.json} as the body CI would post; empty when the case has none. */
    List<byte[]> deploymentBodies() throws ScenarioException {
        Path file = dir.resolve(DEPLOYMENTS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ScenarioException(DEPLOYMENTS + " is not valid JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isArray()) {
            throw new ScenarioException(DEPLOYMENTS + " must be an array of deployment records");
        }
        List<byte[]> bodies = new ArrayList<>();
        for (JsonNode record : doc) {
            bodies.add(record.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** The records as the engine sees verified ones; a record POST /deployments would refuse fails the case. */
    List<Deployment> deployments() throws ScenarioException {
        List<Deployment> facts = new ArrayList<>();
        int i = 0;
        for (byte[] body : deploymentBodies()) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            RecordParser.Parsed parsed = RecordParser.parse(text);
            if (!parsed.ok()) {
                throw new ScenarioException(DEPLOYMENTS + "[" + i + "]: " + parsed.problems().stream()
                        .map(p -> p.field() + ": " + p.reason()).collect(Collectors.joining("; ")));
            }
            facts.add(parsed.record().toFact(RecordParser.storedId(parsed.record(), text)));
            i++;
        }
        return facts;
    }

    private List<Event> read(String input, ReaderLimits limits, String cluster) throws ScenarioException {
        ReadResult read;
        try {
            byte[] body = Files.readAllBytes(dir.resolve(input));
            read = switch (input) {
                case K8S_AUDIT -> new K8sAuditReader(cluster, limits).read(body, true);
                case CLOUDTRAIL -> new CloudTrailReader(limits).read(body, true);
                // runtime records name their own host, the agent
                case FALCO -> new FalcoReader(limits).read(body, true, null);
                case TETRAGON -> new TetragonReader(limits).read(body, true, null);
                case SYSMON -> new SysmonReader(limits).read(body, true, null);
                default -> new EventReader(limits).read(body, EventReader.Format.NDJSON);
            };
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + input + ": " + e);
        } catch (ReadLimitException e) {
            throw new ScenarioException(input + ": " + e.getMessage());
        }
        if (!read.rejections().isEmpty()) {
            String shown = read.rejections().stream().limit(REJECTIONS_SHOWN).map(ScenarioCase::describe)
                    .collect(Collectors.joining("; "));
            int more = read.rejections().size() - REJECTIONS_SHOWN;
            throw new ScenarioException(input + " has " + read.rejectedCount() + " rejected event(s): " + shown
                    + (more > 0 ? "; and " + more + " more problem(s)" : ""));
        }
        if (read.events().isEmpty()) {
            throw new ScenarioException(input + " holds no events");
        }
        return read.events().stream().map(ReadResult.Indexed::event).toList();
    }

    private void requireFile(String file) throws ScenarioException {
        if (!Files.isRegularFile(dir.resolve(file))) {
            throw new ScenarioException("no " + file + " in " + dir);
        }
    }

    private static String describe(ReadResult.Rejection r) {
        return "line " + r.line() + (r.field().isEmpty() ? "" : ", " + r.field()) + ": " + r.reason();
    }
}
