package io.driftwatch.change;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.driftwatch.change.DeploymentRecord.Expects;
import io.driftwatch.change.DeploymentRecord.Image;
import io.driftwatch.change.DeploymentRecord.Pipeline;
import io.driftwatch.change.DeploymentRecord.Scope;

/**
 * Reads and validates a deployment record body, reporting every problem at once. Unknown fields are refused:
 * a misspelt {@code expects.lineage} would otherwise be signed, stored and silently ignored. Duplicate keys are
 * refused too, so the body that was signed cannot mean two things to two JSON readers.
 */
public final class RecordParser {

    /** One problem with the body. */
    public record FieldProblem(String field, String reason) {
    }

    /** The record, or why it is not one. */
    public record Parsed(DeploymentRecord record, List<FieldProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** What can be read of a body before it is validated (for the signature check and the log); fields may be null. */
    public record Peek(String id, String pipeline) {
    }

    static final int MAX_TEXT = 1024;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");
    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");
    private static final Set<String> TOP = Set.of("id", "service", "workload", "scope", "commit", "images", "pipeline",
            "actor", "startedAt", "finishedAt", "expects");
    private static final Set<String> SCOPE = Set.of("agents", "groups", "cluster", "namespace", "account");
    private static final Set<String> IMAGE = Set.of("name", "digest");
    private static final Set<String> PIPELINE = Set.of("name", "runId", "url");
    private static final Set<String> EXPECTS = Set.of("lineages", "moduleHashes", "destinations", "configObjects");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RecordParser() {}

    /** The id a record is stored under: its own, or a name-based UUID of the body (so a replayed body is a duplicate). */
    public static String storedId(DeploymentRecord r, String body) {
        return r.id() != null ? r.id() : derivedId(body);
    }

    static String derivedId(String body) {
        return UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Peek peek(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return new Peek(null, null);
            }
            JsonNode id = root.get("id");
            JsonNode pipeline = root.path("pipeline").get("name");
            return new Peek(id != null && id.isTextual() ? id.asText() : null,
                    pipeline != null && pipeline.isTextual() ? pipeline.asText() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Peek(null, null);
        }
    }

    public static Parsed parse(String body) {
        Problems p = new Problems();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            p.add("", "not valid JSON: " + e.getOriginalMessage());
            return p.result(null);
        }
        if (root == null || !root.isObject()) {
            p.add("", "a deployment record is a JSON object");
            return p.result(null);
        }
        p.unknown(root, "", TOP);
        String id = p.text(root, "id", false);
        if (id != null && (!ID.matcher(id).matches() || id.equals("verify"))) {
            p.add("id", "expected 1-128 letters, digits and . _ : @ + - (starting with a letter or digit), not 'verify'");
        }
        String service = p.text(root, "service", true);
        String workload = p.text(root, "workload", false);
        Scope scope = scope(root, p);
        String commit = p.text(root, "commit", false);
        if (commit != null && !COMMIT.matcher(commit).matches()) {
            p.add("commit", "expected a commit hash (7-64 hex characters)");
        }
        List<Image> images = images(root, p);
        Pipeline pipeline = pipeline(root, p);
        String actor = p.text(root, "actor", true);
        Instant started = p.time(root, "startedAt");
        Instant finished = p.time(root, "finishedAt");
        if (started != null && finished != null && finished.isBefore(started)) {
            p.add("finishedAt", "before startedAt (" + started + ")");
        }
        Expects expects = expects(root, p);
        return p.result(new DeploymentRecord(id, service, workload, scope, commit, images, pipeline, actor, started,
                finished, expects));
    }

    private static Scope scope(JsonNode root, Problems p) {
        JsonNode s = p.object(root, "scope", "scope", true);
        if (s == null) {
            return null;
        }
        p.unknown(s, "scope.", SCOPE);
        List<String> agents = p.strings(s, "scope.", "agents");
        List<String> groups = p.strings(s, "scope.", "groups");
        String cluster = p.text(s, "scope.", "cluster", false);
        String namespace = p.text(s, "scope.", "namespace", false);
        String account = p.text(s, "scope.", "account", false);
        if (agents.isEmpty() && groups.isEmpty() && cluster == null && namespace == null && account == null
                && !p.covers("scope")) {
            p.add("scope", "name at least one of agents, groups, cluster, namespace, account: a record that targets "
                    + "nothing explains nothing");
        }
        return new Scope(agents, groups, cluster, namespace, account);
    }

    private static List<Image> images(JsonNode root, Problems p) {
        JsonNode a = root.get("images");
        if (a == null || a.isNull()) {
            p.add("images", "required (an empty list when the release changed no image)");
            return List.of();
        }
        if (!a.isArray()) {
            p.add("images", "expected a list of {name, digest}");
            return List.of();
        }
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String at = "images[" + i + "]";
            JsonNode item = a.get(i);
            if (!item.isObject()) {
                p.add(at, "expected {\"name\": ..., \"digest\": \"sha256:<64 hex>\"}");
                continue;
            }
            p.unknown(item, at + ".", IMAGE);
            String name = p.text(item, at + ".", "name", true);
            String digest = p.text(item, at + ".", "digest", true);
            if (digest != null && !DIGEST.matcher(digest).matches()) {
                p.add(at + ".digest", "expected sha256:<64 hex characters>");
                digest = null;
            }
            if (name != null && digest != null) {
                out.add(new Image(name, digest.toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    private static Pipeline pipeline(JsonNode root, Problems p) {
        JsonNode o = p.object(root, "pipeline", "pipeline", true);
        if (o == null) {
            return null;
        }
        p.unknown(o, "pipeline.", PIPELINE);
        String name = p.text(o, "pipeline.", "name", true);
        String runId;
        JsonNode run = o.get("runId");
        if (run != null && run.isIntegralNumber()) {
            runId = run.asText(); // CI systems number their runs; "4711" and 4711 are the same run
        } else {
            runId = p.text(o, "pipeline.", "runId", false);
        }
        String url = p.text(o, "pipeline.", "url", false);
        return new Pipeline(name, runId, url);
    }

    private static Expects expects(JsonNode root, Problems p) {
        JsonNode o = p.object(root, "expects", "expects", false);
        if (o == null) {
            return null;
        }
        p.unknown(o, "expects.", EXPECTS);
        List<String> lineages = p.strings(o, "expects.", "lineages");
        for (int i = 0; i < lineages.size(); i++) {
            if (!lineages.get(i).contains(" -> ")) {
                p.add("expects.lineages[" + i + "]", "expected 'parent -> child', e.g. '/usr/bin/python3 -> /usr/bin/git'");
            }
        }
        List<String> modules = new ArrayList<>();
        List<String> given = p.strings(o, "expects.", "moduleHashes");
        for (int i = 0; i < given.size(); i++) {
            if (SHA256.matcher(given.get(i)).matches()) {
                modules.add(given.get(i).toLowerCase(Locale.ROOT));
            } else {
                p.add("expects.moduleHashes[" + i + "]", "expected 64 hex characters (a SHA-256 digest)");
            }
        }
        List<String> destinations = p.strings(o, "expects.", "destinations");
        List<String> objects = p.strings(o, "expects.", "configObjects");
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).indexOf('/') <= 0) {
                p.add("expects.configObjects[" + i + "]", "expected Kind/id, e.g. Deployment/shop/web");
            }
        }
        return new Expects(lineages, modules, destinations, objects);
    }

    /** Every problem found, in the order found. */
    private static final class Problems {

        private final List<FieldProblem> list = new ArrayList<>();

        void add(String field, String reason) {
            list.add(new FieldProblem(field, reason));
        }

        boolean covers(String field) {
            return list.stream().anyMatch(f -> f.field().equals(field) || f.field().startsWith(field + "."));
        }

        Parsed result(DeploymentRecord r) {
            return list.isEmpty() ? new Parsed(r, List.of()) : new Parsed(null, List.copyOf(list));
        }

        void unknown(JsonNode o, String prefix, Set<String> known) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    add(prefix + RecordSignatures.printable(name), "unknown field; known here: " + known.stream().sorted().toList());
                }
            }
        }

        JsonNode object(JsonNode parent, String name, String field, boolean required) {
            JsonNode o = parent.get(name);
            if (o == null || o.isNull()) {
                if (required) {
                    add(field, "required");
                }
                return null;
            }
            if (!o.isObject()) {
                add(field, "expected an object");
                return null;
            }
            return o;
        }

        String text(JsonNode parent, String name, boolean required) {
            return text(parent, "", name, required);
        }

        String text(JsonNode parent, String prefix, String name, boolean required) {
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    add(prefix + name, "required");
                }
                return null;
            }
            if (!v.isTextual()) {
                add(prefix + name, "expected a string");
                return null;
            }
            String s = v.asText();
            if (s.isBlank()) {
                add(prefix + name, required ? "required, and must not be blank" : "must not be blank (leave it out instead)");
                return null;
            }
            if (s.length() > MAX_TEXT) {
                add(prefix + name, "longer than " + MAX_TEXT + " characters");
                return null;
            }
            return s;
        }

        /** An optional list of non-blank strings; absent: empty. */
        List<String> strings(JsonNode parent, String prefix, String name) {
            JsonNode a = parent.get(name);
            if (a == null || a.isNull()) {
                return List.of();
            }
            if (!a.isArray()) {
                add(prefix + name, "expected a list of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT) {
                    add(prefix + name + "[" + i + "]", "expected a non-blank string of at most " + MAX_TEXT + " characters");
                } else {
                    out.add(v.asText());
                }
            }
            return out;
        }

        Instant time(JsonNode root, String name) {
            String s = text(root, name, true);
            if (s == null) {
                return null;
            }
            try {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from);
            } catch (DateTimeParseException e) {
                add(name, "expected an RFC 3339 date-time with an offset, e.g. 2026-11-20T10:00:00Z");
                return null;
            }
        }
    }
}
