package io.driftwatch.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import io.driftwatch.event.Deviation;

/**
 * A shard's session as a checkpoint keeps it: the deviation facts in working memory (so a window or a
 * correlation that straddles a restart still matches), the newest event time (the session clock), and the event
 * ids recently seen (so a batch resent after a restart is still recognised).
 */
record ShardSnapshot(long newest, RecentIds.State ids, List<Object> facts) {

    private static final int VERSION = 1;

    static ShardSnapshot of(long newest, RecentIds.State ids, List<Object> facts) {
        return new ShardSnapshot(newest, ids, facts);
    }

    static boolean isDeviation(Object fact) {
        return fact instanceof Deviation;
    }

    static long timeOf(Object fact) {
        return ((Deviation) fact).getTimestamp();
    }

    static String agentOf(Object fact) {
        return ((Deviation) fact).getAgentId();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeLong(newest);
            out.writeLong(ids.generationStart());
            writeLongs(out, ids.current());
            writeLongs(out, ids.previous());
            byte[] encodedFacts = FactCodec.encode(facts);
            out.writeInt(encodedFacts.length);
            out.write(encodedFacts);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a shard snapshot", e);
        }
        return bytes.toByteArray();
    }

    static ShardSnapshot decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("shard snapshot version " + version + " is not " + VERSION);
            }
            long newest = in.readLong();
            RecentIds.State ids = new RecentIds.State(in.readLong(), readLongs(in), readLongs(in));
            byte[] encodedFacts = new byte[in.readInt()];
            in.readFully(encodedFacts);
            return new ShardSnapshot(newest, ids, FactCodec.decode(encodedFacts));
        } catch (IOException e) {
            throw new IllegalArgumentException("shard snapshot is truncated", e);
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
