package io.driftwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.driftwatch.event.Event;

/**
 * An NDJSON file in the event contract, split into days by event time (a new day starts at the first line
 * of a later UTC date). Lines are parsed by the service's own reader.
 */
final class FileWorkload implements Workload {

    private static final int BLOCK = 8 << 20;
    private final Path file;
    private final List<long[]> days = new ArrayList<>(); // {from, to} byte offsets
    private final List<ExpectedAlerts.Pair> expected;
    private ContractParser parser;

    FileWorkload(Path file, List<ExpectedAlerts.Pair> expected) throws IOException {
        this.file = file;
        this.expected = expected;
        index();
    }

    @Override
    public String description() {
        return String.format("%s (%d days)%s", file, days.size(), expected == null ? ", no expected alerts file" : "");
    }

    @Override
    public int days() {
        return days.size();
    }

    List<ExpectedAlerts.Pair> expected() {
        return expected;
    }

    @Override
    public List<FleetGenerator.Anomaly> anomalies() {
        return List.of();
    }

    @Override
    public List<Event> events(int d) {
        if (parser == null) {
            parser = new ContractParser();
        }
        List<Event> events = new ArrayList<>();
        for (byte[] body : ndjson(d).batches(50_000)) {
            events.addAll(parser.parse(body));
        }
        return events;
    }

    @Override
    public NdjsonDay ndjson(int d) {
        long[] range = days.get(d);
        byte[] data = new byte[Math.toIntExact(range[1] - range[0])];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(range[0]);
            f.readFully(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NdjsonDay.Builder b = new NdjsonDay.Builder(data.length);
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i < data.length ? i + 1 : i;
                if (end - start > 1 || (end - start == 1 && data[start] != '\n')) {
                    b.add(data, start, end - start);
                }
                start = i + 1;
            }
        }
        return b.build();
    }

    /** One pass over the file: where each day's lines begin and end. */
    private void index() throws IOException {
        byte[] buf = new byte[BLOCK];
        byte[] line = new byte[1 << 16];
        int lineLength = 0;
        long offset = 0;
        long lineStart = 0;
        long dayStart = 0;
        long currentDay = Long.MIN_VALUE;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b != '\n') {
                        if (lineLength == line.length) {
                            line = java.util.Arrays.copyOf(line, line.length * 2);
                        }
                        line[lineLength++] = b;
                        continue;
                    }
                    long day = dayOf(line, lineLength);
                    if (day > currentDay) {
                        if (currentDay != Long.MIN_VALUE) {
                            days.add(new long[] {dayStart, lineStart});
                        }
                        currentDay = day;
                        dayStart = lineStart;
                    }
                    lineLength = 0;
                    lineStart = offset + i + 1;
                }
                offset += n;
            }
        }
        if (lineLength > 0) {
            long day = dayOf(line, lineLength);
            if (day > currentDay && currentDay != Long.MIN_VALUE) {
                days.add(new long[] {dayStart, lineStart});
                dayStart = lineStart;
            }
            currentDay = Math.max(currentDay, day);
        }
        if (offset > dayStart) {
            days.add(new long[] {dayStart, offset});
        }
    }

    private static long dayOf(byte[] line, int length) {
        String time = JsonPeek.string(line, 0, length, "time");
        if (time == null || time.length() < 10) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.parse(time.substring(0, 10)).toEpochDay();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
