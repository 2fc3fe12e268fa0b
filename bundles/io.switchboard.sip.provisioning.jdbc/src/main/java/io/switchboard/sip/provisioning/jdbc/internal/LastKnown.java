package io.switchboard.sip.provisioning.jdbc.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.switchboard.store.api.StoreException;

/**
 * What a read last gave, for the calls placed while the database does not answer (the degraded mode of
 * docs/sip.md): a reading serves for {@link #KEPT_MILLIS} after it was made, never older. Bounded: past
 * {@link #CAPACITY} keys the old readings go, and a new key is not kept until there is room.
 */
final class LastKnown<K, V> {

    static final long KEPT_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final int CAPACITY = 100_000;

    private record Reading<V>(V value, long at) {
    }

    private final Map<K, Reading<V>> readings = new ConcurrentHashMap<>();

    /** @return what {@code read} gives now, or, when the database fails it, what it gave last if recent */
    V read(K key, Supplier<V> read) {
        long now = System.currentTimeMillis();
        try {
            V value = read.get();
            keep(key, value, now);
            return value;
        } catch (StoreException away) {
            Reading<V> last = readings.get(key);
            if (last != null && now - last.at() < KEPT_MILLIS) {
                return last.value();
            }
            throw away;
        }
    }

    /** Notes a value as read now: what this server has just written. */
    void keep(K key, V value) {
        keep(key, value, System.currentTimeMillis());
    }

    /** Forgets what was read for the key: this server has just changed it. */
    void forget(K key) {
        readings.remove(key);
    }

    /** Forgets every reading: a change reached more keys than it names. */
    void clear() {
        readings.clear();
    }

    private void keep(K key, V value, long now) {
        if (readings.size() >= CAPACITY && !readings.containsKey(key)) {
            readings.values().removeIf(r -> now - r.at() >= KEPT_MILLIS);
            if (readings.size() >= CAPACITY) {
                return;
            }
        }
        readings.put(key, new Reading<>(value, now));
    }
}
