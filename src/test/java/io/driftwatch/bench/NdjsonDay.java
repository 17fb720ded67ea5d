package io.driftwatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.driftwatch.event.Event;

/** One day of the workload as NDJSON lines in event-time order, held in one buffer. */
final class NdjsonDay {

    private final byte[] data;
    private final int[] starts; // line i is data[starts[i], starts[i + 1])
    private final int lines;

    NdjsonDay(byte[] data, int[] starts, int lines) {
        this.data = data;
        this.starts = starts;
        this.lines = lines;
    }

    static NdjsonDay of(List<Event> events) {
        Builder b = new Builder(events.size() * 360);
        StringBuilder line = new StringBuilder(512);
        for (Event e : events) {
            line.setLength(0);
            NdjsonWriter.append(line, e);
            b.add(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    int lines() {
        return lines;
    }

    long bytes() {
        return starts[lines];
    }

    /** Lines [from, to) as one NDJSON body. */
    byte[] slice(int from, int to) {
        return Arrays.copyOfRange(data, starts[from], starts[to]);
    }

    /** Consecutive bodies of at most {@code size} lines. */
    List<byte[]> batches(int size) {
        List<byte[]> out = new ArrayList<>(lines / size + 1);
        for (int i = 0; i < lines; i += size) {
            out.add(slice(i, Math.min(lines, i + size)));
        }
        return out;
    }

    /**
     * The day cut into rounds for {@code lanes} concurrent senders: a round holds one body per lane (null when
     * the lane has nothing), an agent's lines always on the same lane and in their order. A round closes when
     * a lane's body reaches {@code size} lines or the round spans {@code maxSpanMillis} of event time, so
     * senders that wait for each other after every round are never further apart in event time than that.
     */
    List<byte[][]> rounds(int lanes, int size, long maxSpanMillis) {
        List<byte[][]> out = new ArrayList<>();
        Builder[] open = new Builder[lanes];
        long roundStart = Long.MIN_VALUE;
        for (int i = 0; i < lines; i++) {
            long time = timeOf(i);
            if (time == Long.MIN_VALUE) {
                time = roundStart; // unreadable time: the reader will say why; keep it in this round
            }
            if (roundStart == Long.MIN_VALUE) {
                roundStart = time;
            } else if (time - roundStart >= maxSpanMillis) {
                out.add(close(open));
                roundStart = time;
            }
            String agent = JsonPeek.string(data, starts[i], starts[i + 1], "agentId");
            int lane = Math.floorMod(agent == null ? 0 : agent.hashCode(), lanes);
            if (open[lane] == null) {
                open[lane] = new Builder(size * 400);
            }
            open[lane].add(data, starts[i], starts[i + 1] - starts[i]);
            if (open[lane].lines() == size) {
                out.add(close(open));
                roundStart = Long.MIN_VALUE;
            }
        }
        if (roundStart != Long.MIN_VALUE) {
            out.add(close(open));
        }
        return out;
    }

    private static byte[][] close(Builder[] open) {
        byte[][] round = new byte[open.length][];
        for (int l = 0; l < open.length; l++) {
            round[l] = open[l] == null ? null : open[l].bytes();
            open[l] = null;
        }
        return round;
    }

    private long timeOf(int line) {
        String time = JsonPeek.string(data, starts[line], starts[line + 1], "time");
        try {
            return time == null ? Long.MIN_VALUE : java.time.Instant.parse(time).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Appends lines into one growing buffer. */
    static final class Builder {
        private byte[] data;
        private int[] starts = new int[1024];
        private int size;
        private int lines;

        Builder(int capacity) {
            data = new byte[Math.max(1024, capacity)];
        }

        void add(byte[] line) {
            add(line, 0, line.length);
        }

        void add(byte[] src, int off, int len) {
            if (size + len > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 3 / 2, size + len));
            }
            if (lines + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[lines++] = size;
            System.arraycopy(src, off, data, size, len);
            size += len;
            starts[lines] = size;
        }

        int lines() {
            return lines;
        }

        byte[] bytes() {
            return Arrays.copyOf(data, size);
        }

        NdjsonDay build() {
            return new NdjsonDay(Arrays.copyOf(data, size), Arrays.copyOf(starts, lines + 1), lines);
        }
    }
}
