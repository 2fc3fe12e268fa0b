package io.switchboard.sip.core.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.core.internal.SwitchDatabase;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.guard.Guard;
import io.switchboard.sip.guard.Limits;
import io.switchboard.sip.guard.Networks;

class GuardTest {

    private static final Limits LIMITS = new Limits(10, 60_000, 900_000, 200, 2_000);

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Event> events = new ArrayList<>();
    private final EventAdmin admin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }
    };

    private Guard guard(DataSource db, Set<InetAddress> trunks, Set<InetAddress> phones) {
        return new Guard(LIMITS, Networks.parse("trustedNetworks", List.of("192.0.2.0/24", "2001:db8::/32")),
                trunks::contains, new EventPoster(() -> admin)::lockout, db, Runnable::run, now::get, user -> phones);
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void tenFailuresLockAnAddressOutUntilItsTimeIsUp() throws Exception {
        Guard guard = guard(null, Set.of(), Set.of());
        InetAddress guesser = ip("203.0.113.9");
        for (int i = 0; i < 9; i++) {
            guard.failed(guesser, "user" + i);
        }
        assertTrue(guard.admit(guesser), "nine failures are no lockout");
        guard.failed(guesser, "alice\r\nFAKE LOG LINE");
        assertFalse(guard.admit(guesser));
        assertFalse(guard.admit(guesser));
        Lockout l = guard.lockouts().get(0);
        assertEquals(Lockout.SOURCE, l.kind());
        assertEquals("203.0.113.9", l.key());
        assertEquals("10 authentication failures in 60 s, last as 'alice??FAKE LOG LINE'", l.reason());
        assertEquals(now.get() + 900_000, l.until().toEpochMilli());
        assertEquals(2, l.refused());
        assertEquals(2, guard.dropped());
        assertEquals(SipEvents.LOCKED, events.get(0).getTopic());
        assertEquals("203.0.113.9", events.get(0).getProperty(SipEvents.LOCKOUT_KEY));

        now.addAndGet(899_999);
        guard.tick();
        assertFalse(guard.admit(guesser));
        now.addAndGet(1);
        guard.tick();
        assertTrue(guard.admit(guesser), "the lockout ended");
        assertEquals(List.of(), guard.lockouts());
        assertEquals(SipEvents.UNLOCKED, events.get(1).getTopic());
        assertEquals("expired", events.get(1).getProperty(SipEvents.LOCKOUT_REASON));
    }

    @Test
    void failuresSpreadOverTheWindowDoNotAddUp() throws Exception {
        Guard guard = guard(null, Set.of(), Set.of());
        InetAddress phone = ip("198.51.100.7");
        for (int i = 0; i < 30; i++) {
            guard.failed(phone, "alice");
            now.addAndGet(7_000); // a phone with an old password, retrying every 7 s
        }
        assertTrue(guard.admit(phone), "at most 9 fall in one 60 s window");
    }

    @Test
    void trustedNetworksAndTrunksAreNeverLockedOutNorLimited() throws Exception {
        InetAddress trunk = ip("198.51.100.50");
        Guard guard = guard(null, Set.of(trunk), Set.of());
        for (InetAddress a : List.of(trunk, ip("192.0.2.77"), ip("2001:db8::5"))) {
            for (int i = 0; i < 50; i++) {
                guard.failed(a, "alice");
            }
            for (int i = 0; i < 1_000; i++) {
                assertTrue(guard.admit(a), a + " at request " + i);
            }
        }
        assertEquals(List.of(), guard.lockouts());
        assertEquals(List.of(), events);
        assertFalse(guard.userRefused("alice", ip("203.0.113.1")), "failures from trusted addresses count for nobody");
    }

    @Test
    void aFloodIsDroppedWhileItLastsAndLetThroughOnceItSlowsDown() throws Exception {
        Guard guard = guard(null, Set.of(), Set.of());
        InetAddress flooder = ip("203.0.113.20");
        for (int i = 0; i < 200; i++) {
            assertTrue(guard.admit(flooder));
        }
        assertFalse(guard.admit(flooder), "request 201 in 2 s");
        assertEquals(Lockout.FLOOD, guard.lockouts().get(0).kind());
        now.addAndGet(2_000);
        for (int i = 0; i < 500; i++) {
            assertFalse(guard.admit(flooder), "still flooding");
        }
        now.addAndGet(2_000);
        assertFalse(guard.admit(flooder), "the window that just closed was over the limit");
        now.addAndGet(2_000);
        assertTrue(guard.admit(flooder), "one request in the last window: it slowed down");
        assertEquals(List.of(), guard.lockouts());
        assertEquals("slowed down", events.get(1).getProperty(SipEvents.LOCKOUT_REASON));

        for (int i = 0; i < 300; i++) {
            guard.admit(flooder);
        }
        now.addAndGet(5_000);
        guard.tick();
        assertEquals(List.of(), guard.lockouts(), "a flood that stops altogether ends on the tick");
    }

    @Test
    void guessingOneUserFromManyAddressesLocksTheUserOutButNotItsPhones() throws Exception {
        InetAddress registered = ip("198.51.100.30");
        Guard guard = guard(null, Set.of(), Set.of(registered));
        InetAddress desk = ip("198.51.100.31");
        guard.succeeded(desk, "alice");
        for (int i = 1; i <= 10; i++) {
            assertFalse(guard.userRefused("alice", ip("203.0.113." + i)));
            guard.failed(ip("203.0.113." + i), "alice");
        }
        assertTrue(guard.userRefused("alice", ip("203.0.113.200")), "a new address");
        assertFalse(guard.userRefused("alice", desk), "an address alice authenticated from");
        assertFalse(guard.userRefused("alice", registered), "an address alice's phone registered from");
        assertFalse(guard.userRefused("bob", ip("203.0.113.200")));
        Lockout l = guard.lockouts().get(0);
        assertEquals(Lockout.USER, l.kind());
        assertEquals("alice", l.key());
        assertEquals(1, l.refused());

        assertTrue(guard.lift("user", "alice"));
        assertFalse(guard.userRefused("alice", ip("203.0.113.200")));
        assertEquals("lifted by an admin", events.get(events.size() - 1).getProperty(SipEvents.LOCKOUT_REASON));
        assertFalse(guard.lift("user", "alice"), "nothing left to lift");
        assertThrows(IllegalArgumentException.class, () -> guard.lift("everyone", "x"));
    }

    @Test
    void lockoutsOutliveARestartAndLiftingRemovesThem() throws Exception {
        DataSource db = SwitchDatabase.migrated(dir);
        Guard before = guard(db, Set.of(), Set.of());
        InetAddress guesser = ip("2001:db9::66");
        for (int i = 0; i < 10; i++) {
            before.failed(guesser, "x" + i);
            before.failed(ip("203.0.113." + i), "carol");
        }
        assertEquals(2, before.lockouts().size(), "one source and one user locked out");

        Guard after = guard(db, Set.of(), Set.of());
        after.restore();
        assertFalse(after.admit(guesser), "the address is still locked out after a restart");
        assertTrue(after.userRefused("carol", ip("203.0.113.99")));
        assertEquals(List.of("2001:db9:0:0:0:0:0:0", "carol"),
                after.lockouts().stream().map(Lockout::key).sorted().toList(), "an IPv6 source is its /64");

        assertTrue(after.lift("source", "2001:db9::66"));
        Guard third = guard(db, Set.of(), Set.of());
        third.restore();
        assertTrue(third.admit(guesser), "a lifted lockout is gone from the database");
        now.addAndGet(900_000);
        Guard fourth = guard(db, Set.of(), Set.of());
        fourth.restore();
        assertFalse(fourth.userRefused("carol", ip("203.0.113.99")), "an expired one is not restored");
    }

    @Test
    void switchesOnOneDatabaseHoldEachOthersLockoutsAndLifts() throws Exception {
        DataSource db = SwitchDatabase.migrated(dir);
        Guard one = guard(db, Set.of(), Set.of());
        Guard two = guard(db, Set.of(), Set.of());
        InetAddress guesser = ip("203.0.113.7");
        for (int i = 0; i < 10; i++) {
            one.failed(guesser, "x" + i);
        }
        assertFalse(one.admit(guesser));
        assertTrue(two.admit(guesser), "the other switch has not looked yet");
        int eventsBefore = events.size();
        two.sync();
        assertFalse(two.admit(guesser), "a lockout one switch decided holds on the other after its sync");
        assertEquals(eventsBefore, events.size(), "the switch that decided it told of it; the other stays quiet");
        two.sync();
        assertFalse(two.admit(guesser), "syncing again changes nothing");

        assertTrue(two.lift("source", "203.0.113.7"));
        one.sync();
        assertFalse(one.admit(guesser), "a lockout just made here may not be in the database yet: it holds");
        now.addAndGet(Guard.SYNC_GRACE_MILLIS + 1);
        one.sync();
        assertTrue(one.admit(guesser), "lifted through the other switch: lifted here too");
    }

    @Test
    void aLiftIsNotUndoneByASyncThatReadTheDatabaseBeforeTheLiftsDeleteLanded() throws Exception {
        DataSource db = SwitchDatabase.migrated(dir);
        List<Runnable> writes = new ArrayList<>();
        Guard guard = new Guard(LIMITS, Networks.parse("trustedNetworks", List.of()), a -> false,
                new EventPoster(() -> admin)::lockout, db, writes::add, now::get, user -> Set.of());
        for (int i = 0; i < 10; i++) {
            guard.failed(ip("203.0.113." + i), "alice");
        }
        writes.forEach(Runnable::run);
        writes.clear();
        now.addAndGet(Guard.SYNC_GRACE_MILLIS + 1);
        assertTrue(guard.userRefused("alice", ip("198.51.100.4")));

        assertTrue(guard.lift("user", "alice"));
        guard.sync(); // the delete is still queued: the database still has alice
        assertFalse(guard.userRefused("alice", ip("198.51.100.4")), "lifted by an admin, and it stays lifted");
        writes.forEach(Runnable::run);
        now.addAndGet(Guard.SYNC_GRACE_MILLIS + 1);
        guard.sync();
        assertFalse(guard.userRefused("alice", ip("198.51.100.4")));
        for (int i = 0; i < 10; i++) {
            guard.failed(ip("203.0.113." + i), "alice");
        }
        assertTrue(guard.userRefused("alice", ip("198.51.100.4")), "a new lockout after the lift holds");
    }

    @Test
    void aBadNetworkIsNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Networks.parse("io.switchboard.sip trustedNetworks", List.of("10.0.0.0/8", "office.example")));
        assertEquals("Invalid setting io.switchboard.sip trustedNetworks entry 'office.example': not an IP address "
                + "(write 203.0.113.0/24, 2001:db8::/32 or one address)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Networks.parse("t", List.of("10.0.0.0/33")));
        Networks n = Networks.parse("t", List.of("10.1.2.0/23", "::1"));
        assertFalse(n.contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(n.contains(InetAddress.getByName("10.1.3.255")));
        assertFalse(n.contains(InetAddress.getByName("10.1.4.0")));
        assertTrue(n.contains(InetAddress.getByName("::1")));
    }
}
