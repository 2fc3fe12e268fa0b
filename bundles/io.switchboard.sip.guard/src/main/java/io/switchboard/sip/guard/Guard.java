package io.switchboard.sip.guard;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import javax.sip.message.Request;
import javax.sql.DataSource;

import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.api.SipGuard;

/**
 * The switch's guard against password guessing and floods: per source address a request-rate limit
 * checked before a packet is parsed, and digest failures counted per address and per user, each
 * locking out past its limit. Trusted networks and trunks' addresses are never locked out. Every
 * lockout is logged on one line (for fail2ban and the like), posted as an event and, unless it is a
 * flood, kept in the database until it ends.
 */
public final class Guard implements SipGuard, Sources.Events {

    private static final Logger LOG = System.getLogger(Guard.class.getName());
    private static final long DAY_MILLIS = 86_400_000L;

    private final Networks trusted;
    private final Sources sources;
    private final Users users;
    private final BiConsumer<Lockout, String> events;
    private final LockoutStore store;
    private final Executor writer;
    private final LongSupplier clock;
    private final Function<String, Set<InetAddress>> registeredFrom;
    private long lastForget;
    private volatile EmergencyPass emergency;
    /** Lockouts an admin lifted here lately, by kind and key, with when: their rows are being deleted. */
    private final Map<String, Long> liftedHere = new ConcurrentHashMap<>();

    /**
     * @param trunk whether an address is a trunk's: trusted like the networks
     * @param events told of each lockout as it begins (with null) and as it ends (with why)
     * @param db where lockouts are kept, or null to keep them only in memory
     * @param writer runs the database writes, off the SIP threads
     * @param registeredFrom the addresses of a user's registered phones
     */
    public Guard(Limits limits, Networks trusted, Predicate<InetAddress> trunk, BiConsumer<Lockout, String> events, DataSource db,
            Executor writer, LongSupplier clock, Function<String, Set<InetAddress>> registeredFrom) {
        this.trusted = trusted;
        this.events = events;
        this.store = db == null ? null : new LockoutStore(db);
        this.writer = writer;
        this.clock = clock;
        this.registeredFrom = registeredFrom;
        Sources.Events told = new Sources.Events() {
            @Override
            public void locked(Lockout lockout) {
                Guard.this.locked(lockout);
            }

            @Override
            public void unlocked(Lockout lockout, String why) {
                Guard.this.unlocked(lockout, why);
            }

            @Override
            public void renewed(Lockout lockout) {
                lockoutRenewed(lockout);
            }
        };
        this.sources = new Sources(limits, a -> trusted.contains(a) || trunk.test(a), told);
        this.users = new Users(limits, told);
    }

    /** Puts back the lockouts kept in the database; run once, before the switch listens. */
    public void restore() {
        if (store == null) {
            return;
        }
        try {
            for (Lockout l : store.load(Instant.ofEpochMilli(clock.getAsLong()))) {
                restore(l);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Lockouts kept in the database not read: " + e);
        }
    }

    private void restore(Lockout l) {
        if (Lockout.USER.equals(l.kind())) {
            users.restore(l.key(), l.since().toEpochMilli(), l.until().toEpochMilli(), registeredFrom.apply(l.key()));
            return;
        }
        try {
            sources.restore(InetAddress.getByName(l.key()), l.since().toEpochMilli(), l.until().toEpochMilli());
        } catch (UnknownHostException e) {
            LOG.log(Level.WARNING, "A lockout in the database names no address: " + printable(l.key()));
        }
    }

    /**
     * Takes what the other switches on the database decided: a lockout one of them wrote holds here
     * within a second, and one an admin lifted through another switch ends here too. A lockout of
     * this switch's own counts as lifted only once its write has had time to land, and one lifted
     * here is not put back by a read made before its delete landed. Run every second.
     */
    public void sync() {
        if (store == null) {
            return;
        }
        long now = clock.getAsLong();
        List<Lockout> stored;
        try {
            stored = store.load(Instant.ofEpochMilli(now));
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "Lockouts of the other switches not read: " + e);
            return;
        }
        Map<String, Lockout> here = new HashMap<>();
        for (Lockout l : lockouts()) {
            if (!Lockout.FLOOD.equals(l.kind())) {
                here.put(l.kind() + " " + l.key(), l);
            }
        }
        Set<String> kept = new HashSet<>();
        liftedHere.values().removeIf(at -> now - at > SYNC_GRACE_MILLIS);
        for (Lockout l : stored) {
            Lockout mine = here.get(l.kind() + " " + l.key());
            kept.add(l.kind() + " " + l.key());
            Long lifted = liftedHere.get(l.kind() + " " + l.key());
            if (lifted != null && l.since().toEpochMilli() <= lifted) {
                continue; // read before the lift's delete landed: not put back
            }
            if (mine == null || mine.until().isBefore(l.until())) {
                restore(l);
            }
        }
        here.forEach((key, l) -> {
            if (!kept.contains(key) && now - l.since().toEpochMilli() > SYNC_GRACE_MILLIS) {
                liftHere(l, now);
            }
        });
    }

    /** Ends a lockout here only: the switch that lifted it has said so and changed the database. */
    private void liftHere(Lockout l, long now) {
        if (Lockout.USER.equals(l.kind())) {
            users.lift(l.key(), now);
            return;
        }
        try {
            sources.lift(InetAddress.getByName(l.key()), false, now);
        } catch (UnknownHostException e) {
            // a source lockout always names an address
        }
    }

    /** How long this switch's own new lockout may be missing from the database (its write is queued). */
    public static final long SYNC_GRACE_MILLIS = 5_000;

    /** Lets emergency calls through lockouts, at a rate; without it a lockout holds for them too. */
    public void passEmergency(EmergencyPass pass) {
        this.emergency = pass;
    }

    /** @return false when a packet from the address is to be dropped unread */
    public boolean admit(InetAddress address) {
        return sources.admit(address, clock.getAsLong());
    }

    /** @return false when a datagram is to be dropped unread: locked out or flooding, and no emergency call's */
    public boolean admit(InetAddress address, byte[] data, int offset, int length) {
        long now = clock.getAsLong();
        if (sources.admit(address, now)) {
            return true;
        }
        EmergencyPass pass = emergency;
        return pass != null && pass.passes(address, data, offset, length, now);
    }

    /**
     * The guard's look at a request read from a connection (TCP, TLS), or from UDP when the
     * datagram was already counted on arrival.
     *
     * @param counted whether {@link #admit} saw its packet already
     * @return false when the request is to be dropped unanswered
     */
    public boolean admitRequest(InetAddress address, boolean counted) {
        if (address == null) {
            return true;
        }
        return counted ? !sources.refuses(address, clock.getAsLong()) : admit(address);
    }

    /**
     * The same, with the request at hand: an emergency call's passes a lockout, and nothing else does
     * whatever its Call-ID ({@link EmergencyPass}). A datagram let through on arrival is not counted
     * twice; one relayed by an edge proxy is counted here, under the client's address.
     */
    public boolean admitRequest(InetAddress address, boolean counted, Request request) {
        if (admitRequest(address, counted)) {
            return true;
        }
        EmergencyPass pass = emergency;
        if (pass == null) {
            return false;
        }
        String text = request.toString();
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end < 0 ? text.length() : end);
        return pass.known(address, head) || pass.passes(address, head, clock.getAsLong());
    }

    /** A digest failure: counted against the address and, when it named one, the user. */
    public void failed(InetAddress address, String user) {
        long now = clock.getAsLong();
        if (address != null) {
            if (sources.trusted(address)) {
                return;
            }
            sources.failed(address, user, now);
        }
        if (user != null) {
            users.failed(user, now, registeredFrom);
        }
    }

    /** The user authenticated from the address. */
    public void succeeded(InetAddress address, String user) {
        if (address != null) {
            users.succeeded(user, address, clock.getAsLong());
        }
    }

    /** @return true when the user is locked out and the address is none of its phones': 403 unchecked */
    public boolean userRefused(String user, InetAddress address) {
        return users.refused(user, address, clock.getAsLong());
    }

    /** Ends what is due; run every second. */
    public void tick() {
        long now = clock.getAsLong();
        sources.tick(now);
        users.tick(now);
        if (now - lastForget > DAY_MILLIS / 24) {
            lastForget = now;
            users.forget(now - DAY_MILLIS);
        }
    }

    /** @return packets dropped unread since start because their address was locked out or flooding */
    public long dropped() {
        return sources.refused();
    }

    @Override
    public List<Lockout> lockouts() {
        long now = clock.getAsLong();
        List<Lockout> all = new ArrayList<>(sources.lockouts(now));
        all.addAll(users.lockouts(now));
        all.sort(Comparator.comparing(Lockout::since));
        return all;
    }

    @Override
    public boolean lift(String kind, String key) {
        long now = clock.getAsLong();
        Lockout was;
        if (Lockout.USER.equals(kind)) {
            was = users.lift(key, now);
        } else if (Lockout.SOURCE.equals(kind) || Lockout.FLOOD.equals(kind)) {
            InetAddress address;
            try {
                address = key.matches("[0-9a-fA-F:.]+") ? InetAddress.getByName(key) : null;
            } catch (UnknownHostException e) {
                address = null;
            }
            was = address == null ? null : sources.lift(address, Lockout.FLOOD.equals(kind), now);
        } else {
            throw new IllegalArgumentException("No lockout kind '" + printable(kind) + "': source, user or flood");
        }
        if (was != null) {
            liftedHere.put(was.kind() + " " + was.key(), now);
            unlocked(was, "lifted by an admin");
        }
        return was != null;
    }

    @Override
    public List<String> trustedNetworks() {
        return trusted.entries();
    }

    @Override
    public void locked(Lockout lockout) {
        LOG.log(Level.WARNING, "SIP lockout of " + lockout.kind() + " " + printable(lockout.key()) + " until "
                + lockout.until() + ": " + lockout.reason());
        events.accept(lockout, null);
        save(lockout);
    }

    /** A lockout runs again from now: logged and kept, but no new event (it has not ended). */
    private void lockoutRenewed(Lockout lockout) {
        LOG.log(Level.WARNING, "SIP lockout of " + lockout.kind() + " " + printable(lockout.key()) + " renewed until "
                + lockout.until() + ": " + lockout.reason());
        save(lockout);
    }

    private void save(Lockout lockout) {
        if (store != null && !Lockout.FLOOD.equals(lockout.kind())) {
            writer.execute(() -> {
                try {
                    store.save(lockout);
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "Lockout of " + printable(lockout.key()) + " not kept in the database: " + e);
                }
            });
        }
    }

    @Override
    public void unlocked(Lockout lockout, String why) {
        LOG.log(Level.WARNING, "SIP lockout of " + lockout.kind() + " " + printable(lockout.key()) + " ended ("
                + why + "); " + lockout.refused() + " requests refused");
        events.accept(lockout, why);
        if (store != null && !Lockout.FLOOD.equals(lockout.kind())) {
            Instant now = Instant.ofEpochMilli(clock.getAsLong());
            writer.execute(() -> {
                try {
                    store.delete(lockout.kind(), lockout.key(), now);
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "Lockout of " + printable(lockout.key()) + " not removed from the database: " + e);
                }
            });
        }
    }

    /** @return text a sender wrote, safe for a log line: printable ASCII, at most 64 characters */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 64; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
