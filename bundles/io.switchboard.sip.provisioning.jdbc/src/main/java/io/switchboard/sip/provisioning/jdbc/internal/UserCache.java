package io.switchboard.sip.provisioning.jdbc.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.switchboard.store.api.StoreException;

/**
 * Users' records, credentials and calling policies, and numbers, kept for a few seconds: every
 * phone's REGISTER and INVITE, and every call and message from a trunk, needs them. A change
 * through this server forgets the user at once; a change on another server sharing the database
 * shows after {@link #FRESH_MILLIS}. Bounded: past {@link #CAPACITY}, the expired entries go first,
 * then the oldest, never all at once (emptied at once, every phone's next request would read the
 * database together, which is the moment a flood of unknown user names is after). While the database
 * does not answer, an entry serves as last read for up to {@link LastKnown#KEPT_MILLIS}.
 */
final class UserCache<V> {

    static final long FRESH_MILLIS = 5_000;
    static final int CAPACITY = 100_000;

    private record Entry<V>(Optional<V> value, long until) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long freshMillis;

    UserCache() {
        this(FRESH_MILLIS);
    }

    /** @param freshMillis how long an entry serves before it is read again */
    UserCache(long freshMillis) {
        this.freshMillis = freshMillis;
    }

    Optional<V> get(String user, Supplier<Optional<V>> read) {
        long now = System.currentTimeMillis();
        Entry<V> e = entries.get(user);
        if (e == null || e.until() <= now) {
            if (entries.size() >= CAPACITY) {
                evict(now);
            }
            Optional<V> value;
            try {
                value = read.get();
            } catch (StoreException away) {
                if (e != null && now - (e.until() - freshMillis) < LastKnown.KEPT_MILLIS) {
                    return e.value(); // the database does not answer: the user as last read (docs/sip.md)
                }
                throw away;
            }
            e = new Entry<>(value, now + freshMillis);
            entries.put(user, e);
        }
        return e.value();
    }

    void forget(String user) {
        entries.remove(user);
    }

    int size() {
        return entries.size();
    }

    private synchronized void evict(long now) {
        if (entries.size() < CAPACITY) {
            return;
        }
        entries.values().removeIf(e -> e.until() < now);
        long oldest = now + FRESH_MILLIS - FRESH_MILLIS / 4;
        if (entries.size() >= CAPACITY * 3 / 4) {
            entries.values().removeIf(e -> e.until() < oldest);
        }
        Iterator<Entry<V>> rest = entries.values().iterator();
        while (entries.size() >= CAPACITY * 3 / 4 && rest.hasNext()) {
            rest.next();
            rest.remove();
        }
    }
}
