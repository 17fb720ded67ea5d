package io.driftwatch.baseline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.driftwatch.event.BehaviourKind;

/**
 * Binary form of one agent's baseline for checkpoints. Keys are written as text, so a checkpoint does not
 * depend on the process that wrote it. Version 1.
 */
final class BaselineCodec {

    private static final int VERSION = 1;

    private BaselineCodec() {
    }

    static byte[] encode(AgentBaseline a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(a.agentId);
            out.writeLong(a.firstSeen);
            out.writeLong(a.lastSeen);
            out.writeByte(a.known.length);
            for (BehaviourSet s : a.known) {
                writeSet(out, s);
            }
            writeSet(out, a.destinationIps);
            Map<String, Long> q = a.quarantined == null ? Map.of() : a.quarantined;
            out.writeInt(q.size());
            for (Map.Entry<String, Long> e : q.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeByte(a.firstSeenPerDay == null ? 0 : a.firstSeenPerDay.length);
            if (a.firstSeenPerDay != null) {
                for (SlidingCounts c : a.firstSeenPerDay) {
                    out.writeBoolean(c != null);
                    if (c != null) {
                        out.writeInt(c.current());
                        writeInts(out, c.snapshot());
                    }
                }
            }
            out.writeInt(a.api.size());
            for (Map.Entry<String, AgentBaseline.ApiSeries> e : a.api.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().hourly.current());
                writeInts(out, e.getValue().hourly.snapshot());
            }
            writeResource(out, a.cpu);
            writeResource(out, a.egress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static AgentBaseline decode(byte[] data, BaselineSettings settings, Interner interner) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown baseline checkpoint version " + version);
            }
            AgentBaseline a = new AgentBaseline(in.readUTF(), in.readLong());
            a.lastSeen = in.readLong();
            int kinds = in.readByte();
            for (int k = 0; k < kinds; k++) {
                readSet(in, k < a.known.length ? a.known[k] : new BehaviourSet(), interner);
            }
            readSet(in, a.destinationIps, interner);
            int q = in.readInt();
            for (int i = 0; i < q; i++) {
                a.quarantined().put(in.readUTF(), in.readLong());
            }
            int counters = in.readByte();
            for (int k = 0; k < counters; k++) {
                if (in.readBoolean()) {
                    int day = in.readInt();
                    int[] values = readInts(in);
                    if (k < BehaviourKind.values().length) {
                        a.firstSeen(BehaviourKind.values()[k], settings.windowDays()).restore(day, values);
                    }
                }
            }
            int principals = in.readInt();
            for (int i = 0; i < principals; i++) {
                AgentBaseline.ApiSeries s = new AgentBaseline.ApiSeries(settings.windowHours());
                String principal = interner.intern(in.readUTF());
                s.hourly.restore(in.readInt(), readInts(in));
                a.api.put(principal, s);
            }
            a.cpu = readResource(in, settings, 0.001);
            a.egress = readResource(in, settings, 1.0);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt baseline checkpoint", e);
        }
    }

    private static void writeSet(DataOutputStream out, BehaviourSet s) throws IOException {
        out.writeInt(s.size());
        IOException[] failure = new IOException[1];
        s.forEach((key, hour) -> {
            try {
                out.writeUTF(key);
                out.writeInt(hour);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void readSet(DataInputStream in, BehaviourSet s, Interner interner) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            s.put(interner.intern(in.readUTF()), in.readInt());
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeResource(DataOutputStream out, AgentBaseline.ResourceSeries r) throws IOException {
        out.writeBoolean(r != null);
        if (r == null) {
            return;
        }
        DailyHistogram h = r.histogram;
        int[] days = h.dayStamps();
        out.writeInt(days.length);
        for (int slot = 0; slot < days.length; slot++) {
            char[] counts = h.counts(slot);
            out.writeInt(days[slot]);
            out.writeBoolean(counts != null);
            if (counts != null) {
                for (char c : counts) {
                    out.writeChar(c);
                }
            }
        }
    }

    private static AgentBaseline.ResourceSeries readResource(DataInputStream in, BaselineSettings settings,
                                                             double smallest) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        AgentBaseline.ResourceSeries r = new AgentBaseline.ResourceSeries(settings.windowDays(), smallest);
        int slots = in.readInt();
        Map<Integer, char[]> byDay = new HashMap<>();
        for (int slot = 0; slot < slots; slot++) {
            int day = in.readInt();
            if (in.readBoolean()) {
                char[] counts = new char[DailyHistogram.BUCKETS];
                for (int b = 0; b < counts.length; b++) {
                    counts[b] = in.readChar();
                }
                byDay.put(day, counts);
            }
        }
        byDay.forEach((day, counts) -> r.histogram.restore(Math.floorMod(day, r.histogram.slots()), day, counts));
        return r;
    }
}
