package io.driftwatch.baseline;

import java.util.function.ObjIntConsumer;

/**
 * Behaviour keys with the hour (since the epoch) they were last seen, in an open-addressing table: about
 * 10 bytes a key where a HashMap costs ~50. Keys are interned, so equality is tested by reference first.
 */
final class BehaviourSet {

    private String[] keys;
    private int[] lastSeenHour;
    private int size;

    BehaviourSet() {
        keys = new String[8];
        lastSeenHour = new int[8];
    }

    int size() {
        return size;
    }

    /** The hour the key was last seen, or -1 when it is not in the set. */
    int lastSeen(String key) {
        int i = find(key);
        return i < 0 ? -1 : lastSeenHour[i];
    }

    void put(String key, int hour) {
        int i = find(key);
        if (i >= 0) {
            lastSeenHour[i] = hour;
            return;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        insert(key, hour);
        size++;
    }

    boolean remove(String key) {
        int i = find(key);
        if (i < 0) {
            return false;
        }
        keys[i] = null;
        size--;
        // re-insert the rest of the probe run so lookups do not stop at the hole
        int mask = keys.length - 1;
        for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            String k = keys[j];
            int h = lastSeenHour[j];
            keys[j] = null;
            insert(k, h);
        }
        return true;
    }

    /** Drops every key last seen before {@code oldestHour}; returns how many were dropped. */
    int forgetBefore(int oldestHour) {
        int before = size;
        String[] oldKeys = keys;
        int[] oldHours = lastSeenHour;
        keys = new String[oldKeys.length];
        lastSeenHour = new int[oldKeys.length];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null && oldHours[i] >= oldestHour) {
                insert(oldKeys[i], oldHours[i]);
                size++;
            }
        }
        return before - size;
    }

    /** Removes the least recently seen key; used when an agent reaches its cap. */
    void evictOldest() {
        String oldest = null;
        int oldestHour = Integer.MAX_VALUE;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && lastSeenHour[i] < oldestHour) {
                oldest = keys[i];
                oldestHour = lastSeenHour[i];
            }
        }
        if (oldest != null) {
            remove(oldest);
        }
    }

    void forEach(ObjIntConsumer<String> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], lastSeenHour[i]);
            }
        }
    }

    private int find(String key) {
        int mask = keys.length - 1;
        for (int i = key.hashCode() * 0x9E3779B9 >>> 7 & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k == key || k.equals(key)) {
                return i;
            }
        }
    }

    private void insert(String key, int hour) {
        int mask = keys.length - 1;
        int i = key.hashCode() * 0x9E3779B9 >>> 7 & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        lastSeenHour[i] = hour;
    }

    private void resize(int capacity) {
        String[] oldKeys = keys;
        int[] oldHours = lastSeenHour;
        keys = new String[capacity];
        lastSeenHour = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHours[i]);
            }
        }
    }
}
