package io.switchboard.sip.guard;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.switchboard.sip.api.Lockout;

/**
 * Digest failures per user, from any address: guessing spread over many addresses locks the user
 * out. A locked user still authenticates from the addresses it authenticated from before (its own
 * phones), so that an attack on a user's password does not take its phones off the air; every other
 * address is refused without a look-up of the user's credentials.
 */
final class Users {

    /** User names tracked at most: guessing sweeps through names that do not exist. */
    static final int MAX_TRACKED = 100_000;
    /** Addresses remembered per user as its own. */
    static final int KNOWN_ADDRESSES = 16;

    /** One user's failures and its phones' addresses; guarded by itself. */
    static final class User {
        final String name;
        long failureStart;
        int failures;
        long lockedSince;
        long lockedUntil;
        long refused;
        volatile long lastSeen;
        final Map<InetAddress, Long> known = new LinkedHashMap<>(16, 0.75f, true);

        User(String name) {
            this.name = name;
        }

        /** Read without the lock: a stale answer only keeps an entry a little longer. */
        boolean worthKeeping() {
            return lockedUntil != 0;
        }
    }

    private final BoundedTable<String, User> users;
    private final Limits limits;
    private final Sources.Events events;

    Users(Limits limits, Sources.Events events) {
        this(limits, events, MAX_TRACKED);
    }

    Users(Limits limits, Sources.Events events, int capacity) {
        this.limits = limits;
        this.events = events;
        this.users = new BoundedTable<>(capacity, u -> u.lastSeen, User::worthKeeping);
    }

    /** The user authenticated from the address: it is one of its own from now on. */
    void succeeded(String name, InetAddress address, long now) {
        User u = users.getOrCreate(name, User::new);
        if (u == null) {
            return;
        }
        u.lastSeen = now;
        synchronized (u) {
            remember(u, address, now);
        }
    }

    private static void remember(User u, InetAddress address, long now) {
        u.known.put(address, now);
        if (u.known.size() > KNOWN_ADDRESSES) {
            u.known.remove(u.known.keySet().iterator().next());
        }
    }

    /**
     * Counts a digest failure for the user; past the limit it is locked out.
     *
     * @param registeredFrom the addresses of the user's phones registered now, read only when a lockout begins
     */
    void failed(String name, long now, Function<String, Set<InetAddress>> registeredFrom) {
        User u = users.getOrCreate(name, User::new);
        if (u == null) {
            return; // full of lockouts: refused() turns away whoever is not tracked
        }
        u.lastSeen = now;
        boolean locking;
        Lockout renewed = null;
        synchronized (u) {
            if (now - u.failureStart >= limits.windowMillis() && u.lockedUntil <= now) {
                u.failureStart = now;
                u.failures = 0;
            }
            u.failures++;
            if (u.lockedUntil > now) {
                // a wrong answer let through during the lockout (an emergency call's, or from one of its
                // own addresses) counts too: the lockout runs again from now
                u.lockedUntil = now + limits.lockoutMillis();
                renewed = lockout(u);
            }
            locking = renewed == null && u.failures >= limits.failures();
        }
        if (renewed != null) {
            events.renewed(renewed);
        }
        if (locking) {
            lock(u, now, now + limits.lockoutMillis(), registeredFrom.apply(name));
        }
    }

    /** Locks the user out; its registered phones' addresses stay its own. */
    void lock(User u, long since, long until, Set<InetAddress> phones) {
        Lockout locked;
        synchronized (u) {
            phones.forEach(a -> remember(u, a, since));
            u.lockedSince = since;
            u.lockedUntil = until;
            u.refused = 0;
            locked = lockout(u);
        }
        events.locked(locked);
    }

    /** Puts back a lockout kept in the database. */
    void restore(String name, long since, long until, Set<InetAddress> phones) {
        User u = users.restore(name, User::new);
        synchronized (u) {
            phones.forEach(a -> remember(u, a, since));
            u.lockedSince = since;
            u.lockedUntil = until;
        }
    }

    /** @return true when the user is locked out and the address is none of its own: refuse unchecked */
    boolean refused(String name, InetAddress address, long now) {
        User u = users.get(name);
        if (u == null) {
            // a table full of locked-out users tracks no newcomer's failures: fail closed
            return users.full() && users.getOrCreate(name, User::new) == null;
        }
        synchronized (u) {
            if (u.lockedUntil <= now || address != null && u.known.containsKey(address)) {
                return false;
            }
            u.refused++;
            return true;
        }
    }

    Lockout lift(String name, long now) {
        User u = users.get(name);
        if (u == null) {
            return null;
        }
        synchronized (u) {
            Lockout was = u.lockedUntil > now ? lockout(u) : null;
            u.lockedUntil = 0;
            u.failures = 0;
            return was;
        }
    }

    void tick(long now) {
        List<Lockout> expired = new ArrayList<>();
        users.values().removeIf(u -> {
            synchronized (u) {
                if (u.lockedUntil != 0 && u.lockedUntil <= now) {
                    expired.add(lockout(u));
                    u.lockedUntil = 0;
                    u.failures = 0;
                }
                // a user's own addresses are kept while it has any: they are what lets its phones through
                return u.lockedUntil == 0 && u.known.isEmpty() && now - u.failureStart > limits.windowMillis();
            }
        });
        expired.forEach(l -> events.unlocked(l, "expired"));
    }

    /** Forgets the user's own addresses that were not seen for a day, so that the map stays small. */
    void forget(long before) {
        for (User u : users.values()) {
            synchronized (u) {
                u.known.values().removeIf(seen -> seen < before);
            }
        }
    }

    List<Lockout> lockouts(long now) {
        List<Lockout> all = new ArrayList<>();
        for (User u : users.values()) {
            synchronized (u) {
                if (u.lockedUntil > now) {
                    all.add(lockout(u));
                }
            }
        }
        return all;
    }

    private Lockout lockout(User u) {
        return new Lockout(Lockout.USER, u.name, u.failures + " authentication failures in "
                + limits.windowMillis() / 1000 + " s, from any address; its own phones' addresses still pass",
                Instant.ofEpochMilli(u.lockedSince), Instant.ofEpochMilli(u.lockedUntil), u.refused);
    }
}
