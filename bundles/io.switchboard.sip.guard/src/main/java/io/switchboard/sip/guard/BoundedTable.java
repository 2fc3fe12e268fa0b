package io.switchboard.sip.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The guard's per-address and per-user state, bounded: when full, the least recently seen entries
 * that hold nothing worth keeping (no lockout, no flood) make room, a sixteenth of the table at a
 * time. When every entry is worth keeping, nothing new is taken in and the caller refuses instead
 * of letting the unknown through unlimited: a flood of forged addresses or names fails closed.
 */
final class BoundedTable<K, V> {

    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final ToLongFunction<V> lastSeen;
    private final Predicate<V> worthKeeping;

    BoundedTable(int capacity, ToLongFunction<V> lastSeen, Predicate<V> worthKeeping) {
        this.capacity = capacity;
        this.lastSeen = lastSeen;
        this.worthKeeping = worthKeeping;
    }

    V get(K key) {
        return entries.get(key);
    }

    /** @return the entry, made when new; null when the table is full of entries worth keeping */
    V getOrCreate(K key, Function<K, V> make) {
        V v = entries.get(key);
        if (v != null) {
            return v;
        }
        if (entries.size() >= capacity && !makeRoom()) {
            return null;
        }
        return entries.computeIfAbsent(key, make);
    }

    /** @return the entry, made even when the table is full (a lockout kept in the database comes back) */
    V restore(K key, Function<K, V> make) {
        return entries.computeIfAbsent(key, make);
    }

    Collection<V> values() {
        return entries.values();
    }

    int size() {
        return entries.size();
    }

    boolean full() {
        return entries.size() >= capacity;
    }

    private synchronized boolean makeRoom() {
        if (entries.size() < capacity) {
            return true; // another thread made room meanwhile
        }
        List<Map.Entry<K, V>> idle = new ArrayList<>();
        for (Map.Entry<K, V> e : entries.entrySet()) {
            if (!worthKeeping.test(e.getValue())) {
                idle.add(e);
            }
        }
        if (idle.isEmpty()) {
            return false;
        }
        idle.sort((a, b) -> Long.compare(lastSeen.applyAsLong(a.getValue()), lastSeen.applyAsLong(b.getValue())));
        int evict = Math.min(idle.size(), Math.max(1, capacity / 16));
        for (int i = 0; i < evict; i++) {
            entries.remove(idle.get(i).getKey(), idle.get(i).getValue());
        }
        return true;
    }
}
