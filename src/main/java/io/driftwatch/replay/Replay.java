package io.driftwatch.replay;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Replays recorded data into a running Driftwatch: normalized events (NDJSON or a JSON array) or a raw feed
 * (Kubernetes audit, CloudTrail, Falco, Tetragon, Sysmon), in batches, in file order, at a chosen rate, with a
 * progress bar, and closes with the alerts the replay raised by rule and severity. JDK only, so it runs from a
 * fresh clone without building:
 *
 * <pre>
 * java src/main/java/io/driftwatch/replay/Replay.java --url http://localhost:8080 --format ndjson --rate 5000 events.ndjson
 * </pre>
 *
 * Exit status: 0 every record accepted; 1 some records rejected (each printed with its file position); 2 wrong
 * arguments or an unreadable file; 3 the server could not be reached or refused the replay (token, endpoint).
 */
public final class Replay {

    static final int OK = 0;
    static final int REJECTED = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    static final String HELP = """
            usage: java src/main/java/io/driftwatch/replay/Replay.java [options] FILE...

              --url URL          Driftwatch's base URL (default http://localhost:8080)
              --token TOKEN      bearer token (default: $DRIFTWATCH_TOKEN, or --token-file); the ingest role sends,
                                 the analyst role also reads the closing summary of alerts
              --token-file PATH  read the token from a file (e.g. data/admin-token)
              --format F         ndjson (normalized events, the default), k8s-audit, cloudtrail, falco, tetragon, sysmon
              --cluster NAME     for k8s-audit: the cluster the records come from (?cluster=)
              --input I          auto (default: .json files are one JSON document, anything else NDJSON), ndjson, json
              --rate N           at most N records per second (default: as fast as the server answers)
              --batch N          records per request (default 1000)
              --skip N           skip the first N records (resume after an interruption)
              --progress P       auto (a bar on a terminal, periodic lines otherwise), bar, lines, none

            Files may be gzip-compressed (.gz). Records are sent in file order, one request at a time: a rule's
            windows see them in the order they happened.
            Exit status: 0 all accepted, 1 records rejected, 2 usage or file error, 3 server unreachable or refused.""";

    private Replay() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Everything main does except exiting: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        if (o == null) {
            out.println(HELP);
            return OK;
        }
        return new Run(o, out, err).all();
    }

    /** The command line. */
    record Options(URI url, String token, Feed feed, String cluster, String input, double rate, int batch, long skip,
                   String progress, List<Path> files) {

        static Options parse(String[] args) {
            Map<String, String> v = new LinkedHashMap<>();
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    return null;
                }
                if (a.startsWith("--")) {
                    String name = a.substring(2);
                    String value = null;
                    if (name.contains("=")) {
                        value = name.substring(name.indexOf('=') + 1);
                        name = name.substring(0, name.indexOf('='));
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    }
                    if (!List.of("url", "token", "token-file", "format", "cluster", "input", "rate", "batch", "skip",
                            "progress").contains(name)) {
                        throw new IllegalArgumentException("unknown option --" + name);
                    }
                    if (value == null) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    v.put(name, value);
                } else {
                    files.add(Path.of(a));
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no file to replay");
            }
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    throw new IllegalArgumentException("cannot read " + f);
                }
            }
            String token = v.get("token");
            if (token == null && v.containsKey("token-file")) {
                try {
                    token = Files.readString(Path.of(v.get("token-file"))).trim();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the token file " + v.get("token-file"));
                }
            }
            if (token == null) {
                token = System.getenv("DRIFTWATCH_TOKEN");
            }
            String url = v.getOrDefault("url", "http://localhost:8080");
            URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
                throw new IllegalArgumentException("--url must be http or https: " + url);
            }
            String input = v.getOrDefault("input", "auto");
            String progress = v.getOrDefault("progress", "auto");
            if (!List.of("auto", "ndjson", "json").contains(input)) {
                throw new IllegalArgumentException("--input is auto, ndjson or json");
            }
            if (!List.of("auto", "bar", "lines", "none").contains(progress)) {
                throw new IllegalArgumentException("--progress is auto, bar, lines or none");
            }
            double rate = number(v, "rate", 0);
            int batch = (int) number(v, "batch", 1000);
            if (batch < 1 || rate < 0) {
                throw new IllegalArgumentException("--batch must be at least 1 and --rate not negative");
            }
            return new Options(base, token == null || token.isBlank() ? null : token, Feed.of(v.getOrDefault("format", "ndjson")),
                    v.get("cluster"), input, rate, batch, (long) number(v, "skip", 0), progress, files);
        }

        private static double number(Map<String, String> v, String name, double dflt) {
            try {
                return v.containsKey(name) ? Double.parseDouble(v.get(name)) : dflt;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " is a number: " + v.get(name));
            }
        }

        /** Where the records go (the base URL may have a path of its own, behind a proxy). */
        String endpoint() {
            return url + feed.path;
        }

        /** Records per request: with a rate, at most a quarter second's worth, so records flow evenly. */
        int batchSize() {
            return rate > 0 ? (int) Math.max(1, Math.min(batch, rate / 4)) : batch;
        }
    }

    /** The formats Driftwatch reads, and where each is posted. */
    enum Feed {
        NDJSON("ndjson", "/events"),
        K8S_AUDIT("k8s-audit", "/ingest/k8s-audit"),
        CLOUDTRAIL("cloudtrail", "/ingest/cloudtrail"),
        FALCO("falco", "/ingest/falco"),
        TETRAGON("tetragon", "/ingest/tetragon"),
        SYSMON("sysmon", "/ingest/sysmon");

        final String name;
        final String path;

        Feed(String name, String path) {
            this.name = name;
            this.path = path;
        }

        static Feed of(String name) {
            for (Feed f : values()) {
                if (f.name.equals(name) || (f == NDJSON && name.equals("events"))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown --format " + name
                    + " (ndjson, k8s-audit, cloudtrail, falco, tetragon, sysmon)");
        }
    }

    /** One record to send and where it came from: a line of an NDJSON file, or the n-th record of a JSON document. */
    record Record(String text, Path file, long position, boolean line) {

        String where() {
            return line ? file + ":" + position : file + ": record " + position;
        }
    }

    /** The server's answer to a batch, as the ingest endpoints give it. */
    record Outcome(long accepted, long duplicates, long late, long detections, List<Map<String, Object>> rejected,
                   long ignored) {

        static Outcome of(Map<String, Object> json) {
            return new Outcome(count(json.get("accepted")), count(json.get("duplicates")), count(json.get("late")),
                    count(json.get("detections")), Json.maps(json.get("rejected")), Json.list(json.get("ignored")).size());
        }

        static Outcome rejectedAll(List<Map<String, Object>> problems) {
            return new Outcome(0, 0, 0, 0, problems, 0);
        }

        static long count(Object o) {
            return o instanceof Json.Num n ? Long.parseLong(n.raw()) : 0;
        }
    }

    /** The server refused the replay itself (unreachable, token, endpoint): nothing more can be sent. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** One replay: every file, then the summary. */
    static final class Run {

        final Options o;
        final PrintStream out;
        final PrintStream err;
        final Http http;
        final Progress progress;
        final Totals totals = new Totals();

        Run(Options o, PrintStream out, PrintStream err) {
            this.o = o;
            this.out = out;
            this.err = err;
            this.http = new Http(o);
            this.progress = Progress.of(o.progress(), err);
        }

        int all() {
            // the alerts before the replay, to tell which ones it opened or updated (by id and updatedAt, so neither
            // the server's clock nor alerts of just before count; a margin covers clocks up to 15 minutes apart)
            Instant since = Instant.now().minus(Duration.ofMinutes(15));
            Map<String, Object> before;
            String noAlerts = null;
            try {
                before = updatedAt(http.alertsSince(since));
            } catch (Refused e) {
                before = Map.of();
                noAlerts = e.getMessage();
            }
            long t0 = System.nanoTime();
            long seen = 0;
            try {
                for (Path f : o.files()) {
                    try (Source source = Source.open(f, o.input())) {
                        progress.start(f, source);
                        List<Record> batch = new ArrayList<>();
                        while (source.hasNext()) {
                            Record r = source.next();
                            if (seen++ < o.skip()) {
                                continue;
                            }
                            batch.add(r);
                            if (batch.size() >= o.batchSize() || bytes(batch) > 8 << 20) {
                                pace(t0);
                                send(batch);
                                batch = new ArrayList<>();
                            }
                            progress.update(source, totals);
                        }
                        if (!batch.isEmpty()) {
                            pace(t0);
                            send(batch);
                        }
                        progress.done(source, totals);
                    }
                }
            } catch (Refused e) {
                progress.clear();
                err.println("replay: " + e.getMessage());
                err.println("replay: " + totals.sent + " records were acknowledged; resume with --skip "
                        + (o.skip() + totals.sent));
                return FAILED;
            } catch (IOException | java.io.UncheckedIOException e) {
                progress.clear();
                err.println("replay: cannot read the input: " + e.getMessage());
                return USAGE;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            summary(seconds, since, before, noAlerts);
            return totals.rejected > 0 ? REJECTED : OK;
        }

        private static Map<String, Object> updatedAt(List<Map<String, Object>> alerts) {
            Map<String, Object> byId = new LinkedHashMap<>();
            alerts.forEach(a -> byId.put(String.valueOf(a.get("id")), a.get("updatedAt")));
            return byId;
        }

        private static long bytes(List<Record> batch) {
            long n = 0;
            for (Record r : batch) {
                n += r.text().length() + 1;
            }
            return n;
        }

        /** With --rate: wait until the records already sent are due. */
        private void pace(long t0) {
            if (o.rate() <= 0) {
                return;
            }
            long due = t0 + (long) (totals.sent / o.rate() * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void send(List<Record> batch) throws Refused {
            Http.Answer a = http.post(batch);
            if (a.status() == 413 && batch.size() > 1) { // over a size limit: halve until each part fits
                send(batch.subList(0, batch.size() / 2));
                send(batch.subList(batch.size() / 2, batch.size()));
                return;
            }
            Outcome outcome;
            if (a.status() == 200) {
                outcome = Outcome.of(Json.map(a.json()));
            } else if (a.status() == 400 && !Json.maps(Json.map(a.json()).get("errors")).isEmpty()) {
                outcome = Outcome.rejectedAll(Json.maps(Json.map(a.json()).get("errors")));
            } else if (a.status() == 413) {
                outcome = Outcome.rejectedAll(List.of(Map.of("index", new Json.Num("0"), "field", "",
                        "reason", String.valueOf(Json.map(a.json()).get("detail")))));
            } else {
                throw new Refused(a.describe(o.endpoint()));
            }
            totals.sent += batch.size();
            totals.add(outcome);
            report(batch, outcome.rejected());
        }

        /** Each rejected record with its position in the file; a record with several problems counts once. */
        private void report(List<Record> batch, List<Map<String, Object>> rejected) {
            long last = -1;
            for (Map<String, Object> r : rejected) {
                long index = Outcome.count(r.get("index"));
                Record rec = index >= 0 && index < batch.size() ? batch.get((int) index) : batch.get(0);
                String field = r.get("field") == null || r.get("field").toString().isEmpty() ? "" : r.get("field") + ": ";
                progress.clear();
                out.println(rec.where() + ": rejected: " + field + r.get("reason"));
                if (index != last) {
                    totals.rejected++;
                    last = index;
                }
            }
        }

        private void summary(double seconds, Instant since, Map<String, Object> before, String noAlerts) {
            progress.clear();
            out.printf(Locale.ROOT, "Replayed %s to %s in %.1f s (%,.0f records/s)%n", describeFiles(),
                    o.endpoint(), seconds, seconds > 0 ? totals.sent / seconds : 0.0);
            // a record may become several events (a CloudTrail log file, say): records and events are counted apart
            out.printf(Locale.ROOT, "  records: %,d sent, %,d rejected, %,d ignored; events: %,d accepted, %,d duplicates, %,d late%n",
                    totals.sent, totals.rejected, totals.ignored, totals.accepted, totals.duplicates, totals.late);
            out.printf(Locale.ROOT, "  detections: %,d%n", totals.detections);
            if (noAlerts != null) {
                out.println("Alerts: not listed (" + noAlerts + ")");
                return;
            }
            try {
                List<Map<String, Object>> alerts = new ArrayList<>();
                for (Map<String, Object> a : http.alertsSince(since)) {
                    Object was = before.get(String.valueOf(a.get("id")));
                    if (was == null || !was.equals(a.get("updatedAt"))) {
                        alerts.add(a);
                    }
                }
                Map<String, Integer> bySeverity = new TreeMap<>(Progress::bySeverity);
                Map<String, Integer> byRule = new TreeMap<>();
                for (Map<String, Object> a : alerts) {
                    String severity = String.valueOf(a.get("severity"));
                    bySeverity.merge(severity, 1, Integer::sum);
                    byRule.merge(Progress.severityRank(severity) + "\t" + severity + "\t" + a.get("rule"), 1, Integer::sum);
                }
                out.printf(Locale.ROOT, "Alerts this replay opened or updated: %d%n", alerts.size());
                if (!alerts.isEmpty()) {
                    out.printf(Locale.ROOT, "  %-9s %6s  %s%n", "SEVERITY", "ALERTS", "RULE");
                    byRule.forEach((key, n) -> {
                        String[] k = key.split("\t", 3);
                        out.printf(Locale.ROOT, "  %-9s %6d  %s%n", k[1], n, k[2]);
                    });
                    StringBuilder s = new StringBuilder("  by severity:");
                    bySeverity.forEach((sev, n) -> s.append(' ').append(sev).append(' ').append(n).append(','));
                    out.println(s.substring(0, s.length() - 1));
                }
            } catch (Refused e) {
                out.println("Alerts: not listed (" + e.getMessage() + ")");
            }
        }

        private String describeFiles() {
            return o.files().size() == 1 ? o.files().get(0).toString() : o.files().size() + " files";
        }
    }

    /** What the replay has counted so far. */
    static final class Totals {
        /** Records the server answered for (accepted, rejected or ignored). */
        long sent;
        long accepted;
        long duplicates;
        long late;
        long detections;
        long rejected;
        long ignored;

        void add(Outcome o) {
            accepted += o.accepted();
            duplicates += o.duplicates();
            late += o.late();
            detections += o.detections();
            ignored += o.ignored();
        }
    }

    /** HTTP: one request at a time, so records arrive in file order; backpressure (429/503) is waited out. */
    static final class Http {

        record Answer(int status, Object json, String body, String retryAfter) {

            String describe(Object where) {
                String detail = json instanceof Map<?, ?> m && m.get("detail") != null ? ": " + m.get("detail")
                        : body.isBlank() ? "" : ": " + body.strip().lines().findFirst().orElse("");
                String hint = switch (status) {
                    case 401 -> " (give a token: --token, --token-file or DRIFTWATCH_TOKEN)";
                    case 403 -> " (the token needs the ingest role to send, analyst to read alerts)";
                    case 404 -> " (this server has no such endpoint: check --url and --format)";
                    default -> "";
                };
                return where + " answered " + status + detail + hint;
            }
        }

        private final Options o;
        private final HttpClient client;

        Http(Options o) {
            this.o = o;
            // HTTP/1.1: one keep-alive connection, the same through every proxy (no h2c upgrade attempts)
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        Answer post(List<Record> batch) throws Refused {
            StringBuilder body = new StringBuilder();
            for (Record r : batch) {
                body.append(r.text()).append('\n');
            }
            String target = o.endpoint();
            if (o.feed() == Feed.K8S_AUDIT && o.cluster() != null) {
                target += "?cluster=" + URLEncoder.encode(o.cluster(), StandardCharsets.UTF_8);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            for (int attempt = 1; ; attempt++) {
                Answer a = exchange(request);
                if ((a.status() != 503 && a.status() != 429) || attempt > 120) {
                    return a;
                }
                pause(a.retryAfter());
            }
        }

        /** Every page of GET /alerts?since=. */
        List<Map<String, Object>> alertsSince(Instant since) throws Refused {
            List<Map<String, Object>> all = new ArrayList<>();
            int offset = 0;
            while (true) {
                URI uri = URI.create(o.url() + "/alerts?limit=1000&offset=" + offset + "&since="
                        + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
                Answer a = exchange(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).GET());
                if (a.status() != 200) {
                    throw new Refused(a.describe(uri));
                }
                Map<String, Object> page = Json.map(a.json());
                all.addAll(Json.maps(page.get("items")));
                if (!(page.get("nextOffset") instanceof Json.Num n)) {
                    return all;
                }
                offset = Integer.parseInt(n.raw());
            }
        }

        private Answer exchange(HttpRequest.Builder request) throws Refused {
            if (o.token() != null) {
                request.setHeader("Authorization", "Bearer " + o.token());
            }
            request.setHeader("Accept", "application/json, application/problem+json");
            HttpRequest r = request.build();
            try {
                HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                String body = response.body();
                Object json = null;
                try {
                    json = body.isBlank() ? null : Json.parse(body);
                } catch (IllegalArgumentException notJson) {
                    // described with the raw body
                }
                return new Answer(response.statusCode(), json, body,
                        response.headers().firstValue("Retry-After").orElse(null));
            } catch (ConnectException e) {
                throw new Refused("cannot connect to " + r.uri() + " (is Driftwatch running there?)");
            } catch (IOException e) {
                throw new Refused("request to " + r.uri() + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refused("interrupted");
            }
        }

        private static void pause(String retryAfter) {
            long seconds = 1;
            try {
                seconds = retryAfter == null ? 1 : Math.max(1, Math.min(30, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException e) {
                // an HTTP date: wait the default
            }
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The records of one file: each non-blank line of an NDJSON file, or each record of a JSON document (the
     * elements of an array, a CloudTrail log file's Records, an audit EventList's items, else the document).
     */
    abstract static class Source implements Iterator<Record>, java.io.Closeable {

        final Path file;
        final long size;
        final Counting counted;

        Source(Path file, Counting counted) throws IOException {
            this.file = file;
            this.size = Files.size(file);
            this.counted = counted;
        }

        static Source open(Path file, String input) throws IOException {
            Counting counted = new Counting(Files.newInputStream(file));
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : counted;
            String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            boolean json = input.equals("json") || (input.equals("auto") && plain.endsWith(".json"));
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            return json ? new DocumentSource(file, counted, reader) : new LineSource(file, counted, reader);
        }

        /** 0..1: how far through the file (compressed bytes for .gz). */
        double fraction() {
            return size == 0 ? 1 : Math.min(1, counted.count / (double) size);
        }

        abstract long records();
    }

    static final class LineSource extends Source {

        private final BufferedReader reader;
        private String next;
        private long line;
        private long nextLine;
        private long records;

        LineSource(Path file, Counting counted, BufferedReader reader) throws IOException {
            super(file, counted);
            this.reader = reader;
            advance();
        }

        private void advance() {
            try {
                do {
                    next = reader.readLine();
                    line++;
                } while (next != null && next.isBlank());
                nextLine = line;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Record next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Record r = new Record(next.strip(), file, nextLine, true);
            records++;
            advance();
            return r;
        }

        @Override
        long records() {
            return records;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    static final class DocumentSource extends Source {

        private final List<Object> items;
        private int at;

        DocumentSource(Path file, Counting counted, BufferedReader reader) throws IOException {
            super(file, counted);
            StringBuilder text = new StringBuilder();
            char[] buf = new char[1 << 16];
            for (int n; (n = reader.read(buf)) > 0; ) {
                text.append(buf, 0, n);
            }
            reader.close();
            Object doc;
            try {
                doc = Json.parse(text.toString());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " is not one JSON document (" + e.getMessage()
                        + "); for one record per line use --input ndjson");
            }
            this.items = records(doc);
        }

        private static List<Object> records(Object doc) {
            if (doc instanceof List<?> l) {
                return new ArrayList<>(l);
            }
            Map<String, Object> m = Json.map(doc);
            if (m.get("Records") instanceof List<?> l) { // a CloudTrail log file
                return new ArrayList<>(l);
            }
            if ("EventList".equals(m.get("kind")) && m.get("items") instanceof List<?> l) { // the audit webhook's body
                return new ArrayList<>(l);
            }
            return List.of(doc);
        }

        @Override
        double fraction() {
            return items.isEmpty() ? 1 : at / (double) items.size();
        }

        @Override
        public boolean hasNext() {
            return at < items.size();
        }

        @Override
        public Record next() {
            if (at >= items.size()) {
                throw new NoSuchElementException();
            }
            Object item = items.get(at++);
            return new Record(Json.write(item), file, at, false);
        }

        @Override
        long records() {
            return at;
        }

        @Override
        public void close() {
        }
    }

    /** Counts the bytes read from the file, for the progress of compressed and plain files alike. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** A bar redrawn in place on a terminal; a line every few seconds in a log (CI); or nothing. */
    abstract static class Progress {

        static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

        final PrintStream err;
        long t0 = System.nanoTime();
        long lastDraw;

        Progress(PrintStream err) {
            this.err = err;
        }

        static Progress of(String mode, PrintStream err) {
            String m = mode;
            if (m.equals("auto")) {
                boolean terminal = System.console() != null && System.getenv("CI") == null
                        && !"dumb".equals(System.getenv("TERM"));
                m = terminal ? "bar" : "lines";
            }
            return switch (m) {
                case "bar" -> new Bar(err);
                case "lines" -> new Periodic(err);
                default -> new Silent(err);
            };
        }

        static int severityRank(String severity) {
            int i = SEVERITIES.indexOf(severity);
            return i < 0 ? SEVERITIES.size() : i;
        }

        static int bySeverity(String a, String b) {
            int c = Integer.compare(severityRank(a), severityRank(b));
            return c != 0 ? c : a.compareTo(b);
        }

        void start(Path file, Source source) {
            t0 = System.nanoTime();
            lastDraw = 0;
        }

        void update(Source source, Totals totals) {
            long now = System.nanoTime();
            if (now - lastDraw >= interval()) {
                lastDraw = now;
                draw(source, totals, false);
            }
        }

        void done(Source source, Totals totals) {
            draw(source, totals, true);
        }

        void clear() {
        }

        abstract long interval();

        abstract void draw(Source source, Totals totals, boolean last);

        String figures(Source source, Totals totals) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = seconds > 0 ? source.records() / seconds : 0;
            double f = source.fraction();
            String eta = f > 0.01 && f < 1 ? String.format(Locale.ROOT, "  ETA %ds", (long) (seconds / f * (1 - f))) : "";
            return String.format(Locale.ROOT, "%3.0f%%  %,d records  %,.0f/s  detections %,d  rejected %,d%s",
                    f * 100, source.records(), rate, totals.detections, totals.rejected, eta);
        }

        static final class Bar extends Progress {
            private boolean drawn;

            Bar(PrintStream err) {
                super(err);
            }

            @Override
            long interval() {
                return 100_000_000L;
            }

            @Override
            void draw(Source source, Totals totals, boolean last) {
                int width = 30;
                int filled = (int) Math.round(source.fraction() * width);
                err.print("\r\033[K" + source.file.getFileName() + " [" + "#".repeat(filled) + "-".repeat(width - filled)
                        + "] " + figures(source, totals));
                drawn = true;
                if (last) {
                    err.println();
                    drawn = false;
                }
                err.flush();
            }

            @Override
            void clear() {
                if (drawn) {
                    err.print("\r\033[K");
                    err.flush();
                    drawn = false;
                }
            }
        }

        static final class Periodic extends Progress {
            Periodic(PrintStream err) {
                super(err);
            }

            @Override
            long interval() {
                return 5_000_000_000L;
            }

            @Override
            void update(Source source, Totals totals) {
                if (lastDraw == 0) {
                    lastDraw = System.nanoTime(); // the first line after one interval, not at the first record
                }
                super.update(source, totals);
            }

            @Override
            void draw(Source source, Totals totals, boolean last) {
                err.println("replay: " + source.file + ": " + figures(source, totals) + (last ? "  done" : ""));
            }
        }

        static final class Silent extends Progress {
            Silent(PrintStream err) {
                super(err);
            }

            @Override
            long interval() {
                return Long.MAX_VALUE;
            }

            @Override
            void update(Source source, Totals totals) {
            }

            @Override
            void draw(Source source, Totals totals, boolean last) {
            }
        }
    }

    /**
     * Just enough JSON: objects (insertion-ordered maps), arrays, strings, numbers kept as their text (so a record
     * is sent as it was written), booleans and null; and the compact writing of the same.
     */
    static final class Json {

        /** A number, as written. */
        record Num(String raw) {
            @Override
            public String toString() {
                return raw;
            }
        }

        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value(0);
            p.ws();
            if (p.i != text.length()) {
                throw p.error("unexpected text after the JSON value");
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object o) {
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) {
            return o instanceof List<?> l ? (List<Object>) l : List.of();
        }

        static List<Map<String, Object>> maps(Object o) {
            return list(o).stream().map(Json::map).toList();
        }

        private Object value(int depth) {
            if (depth > 512) {
                throw error("nested too deeply");
            }
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        ws();
                        String key = string();
                        ws();
                        expect(':');
                        m.put(key, value(depth + 1));
                        ws();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value(depth + 1));
                        ws();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw error("unexpected '" + c + "'");
                    }
                    return new Num(s.substring(start, i));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
            throw error("unterminated string");
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + i);
        }

        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(o, b);
            return b.toString();
        }

        private static void write(Object o, StringBuilder b) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof String str) {
                quote(str, b);
            } else if (o instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "" : ",");
                    first = false;
                    quote(e.getKey().toString(), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (o instanceof List<?> l) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    b.append(k == 0 ? "" : ",");
                    write(l.get(k), b);
                }
                b.append(']');
            } else {
                b.append(o); // Num, Boolean
            }
        }

        private static void quote(String str, StringBuilder b) {
            b.append('"');
            for (int k = 0; k < str.length(); k++) {
                char c = str.charAt(k);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}
