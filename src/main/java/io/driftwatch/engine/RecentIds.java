package io.driftwatch.engine;

/**
 * Event ids seen within the dedup window (event time), per shard, as 64-bit hashes in two generations:
 * an id is remembered for at least one window and at most two. When a generation reaches its capacity it
 * rotates early and the overflow is counted, so memory stays bounded under an id flood.
 */
final class RecentIds {

    private final long windowMillis;
    private final int capacity;
    private LongSet current;
    private LongSet previous;
    private long generationStart = Long.MIN_VALUE;
    private long earlyRotations;

    RecentIds(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = Math.max(16, capacity / 2);
        this.current = new LongSet();
        this.previous = new LongSet();
    }

    /** Records the id; true when it was already seen within the window. */
    boolean seen(String agentId, String id, long eventTime) {
        if (generationStart == Long.MIN_VALUE) {
            generationStart = eventTime;
        }
        if (eventTime - generationStart >= windowMillis || current.size() >= capacity) {
            if (current.size() >= capacity) {
                earlyRotations++;
            }
            previous = current;
            current = new LongSet();
            generationStart = eventTime;
        }
        long h = hash(agentId, id);
        return previous.contains(h) || !current.add(h);
    }

    /** The ids remembered, as a checkpoint keeps them. */
    record State(long generationStart, long[] current, long[] previous) {
        static final State EMPTY = new State(Long.MIN_VALUE, new long[0], new long[0]);
    }

    State state() {
        return new State(generationStart, current.toArray(), previous.toArray());
    }

    /** Takes back a checkpointed state, merged into what is already remembered. */
    void restore(State state) {
        if (state.generationStart() != Long.MIN_VALUE
                && (generationStart == Long.MIN_VALUE || state.generationStart() < generationStart)) {
            generationStart = state.generationStart();
        }
        for (long h : state.current()) {
            current.add(h);
        }
        for (long h : state.previous()) {
            previous.add(h);
        }
    }

    long earlyRotations() {
        return earlyRotations;
    }

    /** 64-bit FNV-1a over agent and id: collisions are negligible at the capacities used. */
    static long hash(String agentId, String id) {
        // over UTF-16 units, not UTF-8 bytes: no array per event, and the hashes never leave the process
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < agentId.length(); i++) {
            h = (h ^ agentId.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0x10000) * 0x100000001b3L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** Open-addressing set of longs; 0 marks an empty slot, so the value 0 is stored as 1. */
    static final class LongSet {
        private long[] slots = new long[1024];
        private int size;

        int size() {
            return size;
        }

        long[] toArray() {
            long[] out = new long[size];
            int n = 0;
            for (long v : slots) {
                if (v != 0) {
                    out[n++] = v;
                }
            }
            return out;
        }

        boolean contains(long v) {
            v = v == 0 ? 1 : v;
            int mask = slots.length - 1;
            for (int i = mix(v) & mask; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == v) {
                    return true;
                }
            }
            return false;
        }

        boolean add(long v) {
            v = v == 0 ? 1 : v;
            if ((size + 1) * 2 > slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            int i = mix(v) & mask;
            for (; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == v) {
                    return false;
                }
            }
            slots[i] = v;
            size++;
            return true;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long v : old) {
                if (v != 0) {
                    add(v);
                }
            }
        }

        private static int mix(long v) {
            v ^= v >>> 33;
            v *= 0xff51afd7ed558ccdL;
            v ^= v >>> 33;
            return (int) v;
        }
    }
}
