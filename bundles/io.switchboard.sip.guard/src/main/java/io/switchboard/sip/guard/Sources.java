package io.switchboard.sip.guard;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.transport.Subscribers;

/**
 * What each source address did lately: its requests in the flood window (in the spirit of Kamailio's
 * pike) and its digest failures. {@link #admit} runs for every packet before it is parsed, so it takes
 * one map look-up and one uncontended lock; trusted addresses are only counted, never refused.
 */
final class Sources {

    /** Addresses (IPv6: networks of /64) tracked at most: a flood of forged sources must not grow the map without bound. */
    static final int MAX_TRACKED = 100_000;

    /** What one address did; guarded by itself. */
    static final class Source {
        final InetAddress address;
        boolean trusted;
        long windowStart;
        int requests;
        long floodSince;
        long failureStart;
        int failures;
        String lastUser;
        long lockedSince;
        long lockedUntil;
        long refused;
        volatile long lastSeen;

        Source(InetAddress address, boolean trusted, long now) {
            this.address = address;
            this.trusted = trusted;
            this.windowStart = now;
            this.lastSeen = now;
        }

        /** Read without the lock: a stale answer only keeps an entry a little longer. */
        boolean worthKeeping() {
            return lockedUntil != 0 || floodSince != 0;
        }
    }

    private final BoundedTable<InetAddress, Source> sources;
    private final LongAdder refused = new LongAdder();
    private final Limits limits;
    private final Predicate<InetAddress> trusted;
    private final Events events;

    /** What the guard tells about lockouts that begin or end. */
    interface Events {
        void locked(Lockout lockout);

        void unlocked(Lockout lockout, String why);

        /** A lockout runs again from now: a wrong answer came while it held (kept, logged, no new event). */
        default void renewed(Lockout lockout) {
        }
    }

    Sources(Limits limits, Predicate<InetAddress> trusted, Events events) {
        this(limits, trusted, events, MAX_TRACKED);
    }

    Sources(Limits limits, Predicate<InetAddress> trusted, Events events, int capacity) {
        this.limits = limits;
        this.trusted = trusted;
        this.events = events;
        this.sources = new BoundedTable<>(capacity, s -> s.lastSeen, Source::worthKeeping);
    }

    /** @return false when the packet is to be dropped unread: the address is locked out or flooding */
    boolean admit(InetAddress from, long now) {
        InetAddress address = Subscribers.of(from);
        Source s = sources.getOrCreate(address, a -> new Source(a, trusted.test(from), now));
        if (s == null) {
            // full of lockouts and floods: a newcomer is refused rather than let through uncounted
            if (trusted.test(from)) {
                return true;
            }
            refused.increment();
            return false;
        }
        s.lastSeen = now;
        Lockout flood = null;
        Lockout cooled = null;
        boolean admitted;
        synchronized (s) {
            if (now - s.windowStart >= limits.floodWindowMillis()) {
                if (s.floodSince != 0 && s.requests <= limits.floodRequests()) {
                    cooled = flood(s, now);
                    s.floodSince = 0;
                }
                s.windowStart = now;
                s.requests = 0;
                s.trusted = trusted.test(from); // trunks come and go: asked again once a window
            }
            s.requests++;
            if (s.trusted) {
                admitted = true;
            } else if (s.lockedUntil > now || s.floodSince != 0) {
                s.refused++;
                admitted = false;
            } else if (s.requests > limits.floodRequests()) {
                s.floodSince = now;
                s.refused++;
                flood = flood(s, now);
                admitted = false;
            } else {
                admitted = true;
            }
        }
        if (!admitted) {
            refused.increment();
        }
        if (cooled != null) {
            events.unlocked(cooled, "slowed down");
        }
        if (flood != null) {
            events.locked(flood);
        }
        return admitted;
    }

    /**
     * A request whose packet was admitted on arrival, looked at again before it is served.
     * Packets of a flood are dropped on arrival; the few admitted before the flood lock are still
     * served, so that a guesser's digest failures among them count and lock it out for good (a
     * flood lock ends when the address slows down).
     *
     * @return true when the address is locked out; nothing is counted but the refusal
     */
    boolean refuses(InetAddress address, long now) {
        Source s = sources.get(Subscribers.of(address));
        if (s == null) {
            return false;
        }
        synchronized (s) {
            if (s.trusted || s.lockedUntil <= now) {
                return false;
            }
            s.refused++;
        }
        refused.increment();
        return true;
    }

    boolean trusted(InetAddress address) {
        return trusted.test(address);
    }

    /** Counts a digest failure from an untrusted address; past the limit it is locked out. */
    void failed(InetAddress from, String user, long now) {
        Source s = sources.getOrCreate(Subscribers.of(from), a -> new Source(a, false, now));
        if (s == null) {
            return; // full of lockouts and floods: admit() refuses this address's next packets
        }
        Lockout locked = null;
        Lockout renewed = null;
        synchronized (s) {
            if (now - s.failureStart >= limits.windowMillis() && s.lockedUntil <= now) {
                s.failureStart = now;
                s.failures = 0;
            }
            s.failures++;
            s.lastUser = user;
            if (s.lockedUntil > now) {
                // a wrong answer during the lockout (an emergency call's: the only requests read from the
                // address now) counts too, and the lockout runs again from now: the pass is no way to guess
                s.lockedUntil = now + limits.lockoutMillis();
                renewed = lockout(s);
            } else if (s.failures >= limits.failures()) {
                s.lockedSince = now;
                s.lockedUntil = now + limits.lockoutMillis();
                s.refused = 0;
                locked = lockout(s);
            }
        }
        if (renewed != null) {
            events.renewed(renewed);
        }
        if (locked != null) {
            events.locked(locked);
        }
    }

    /** Puts back a lockout kept in the database, as it was. */
    void restore(InetAddress address, long since, long until) {
        Source s = sources.restore(Subscribers.of(address), a -> new Source(a, trusted.test(address), since));
        synchronized (s) {
            s.lockedSince = since;
            s.lockedUntil = until;
        }
    }

    /** @return whether the address was locked out or flooding, now forgotten */
    Lockout lift(InetAddress address, boolean flood, long now) {
        Source s = sources.get(Subscribers.of(address));
        if (s == null) {
            return null;
        }
        synchronized (s) {
            Lockout was = flood ? (s.floodSince != 0 ? flood(s, now) : null)
                    : (s.lockedUntil > now ? lockout(s) : null);
            if (flood) {
                s.floodSince = 0;
                s.requests = 0;
                s.windowStart = now;
            } else {
                s.lockedUntil = 0;
                s.failures = 0;
            }
            return was;
        }
    }

    /** Ends lockouts past their time and floods that went quiet; forgets addresses idle for a while. */
    void tick(long now) {
        List<Lockout> expired = new ArrayList<>();
        List<Lockout> quiet = new ArrayList<>();
        sources.values().removeIf(s -> {
            synchronized (s) {
                if (s.lockedUntil != 0 && s.lockedUntil <= now) {
                    expired.add(lockout(s));
                    s.lockedUntil = 0;
                    s.failures = 0;
                }
                if (s.floodSince != 0 && now - s.windowStart >= 2 * limits.floodWindowMillis()) {
                    quiet.add(flood(s, now));
                    s.floodSince = 0;
                }
                return s.lockedUntil == 0 && s.floodSince == 0 && now - s.windowStart > limits.windowMillis()
                        && now - s.failureStart > limits.windowMillis();
            }
        });
        expired.forEach(l -> events.unlocked(l, "expired"));
        quiet.forEach(l -> events.unlocked(l, "slowed down"));
    }

    /** @return the addresses locked out or flooding now */
    List<Lockout> lockouts(long now) {
        List<Lockout> all = new ArrayList<>();
        for (Source s : sources.values()) {
            synchronized (s) {
                if (s.lockedUntil > now) {
                    all.add(lockout(s));
                }
                if (s.floodSince != 0) {
                    all.add(flood(s, now));
                }
            }
        }
        return all;
    }

    /** @return packets dropped since start because their address was locked out or flooding */
    long refused() {
        return refused.sum();
    }

    private Lockout lockout(Source s) {
        return new Lockout(Lockout.SOURCE, s.address.getHostAddress(), s.failures + " authentication failures in "
                + limits.windowMillis() / 1000 + " s" + (s.lastUser == null ? "" : ", last as '" + Guard.printable(s.lastUser) + "'"),
                Instant.ofEpochMilli(s.lockedSince), Instant.ofEpochMilli(s.lockedUntil), s.refused);
    }

    private Lockout flood(Source s, long now) {
        return new Lockout(Lockout.FLOOD, s.address.getHostAddress(), "more than " + limits.floodRequests()
                + " requests in " + limits.floodWindowMillis() / 1000.0 + " s",
                Instant.ofEpochMilli(s.floodSince), Instant.ofEpochMilli(Math.max(now, s.windowStart)
                        + limits.floodWindowMillis()), s.refused);
    }
}
