package io.switchboard.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.Lockout;

/** The guard's tables under a flood of addresses and names: bounded, IPv6 by /64, closed when full. */
class BoundedGuardTablesTest {

    private static final Limits LIMITS = new Limits(3, 60_000, 900_000, 200, 2_000);
    private final List<Lockout> locked = new ArrayList<>();
    private final Sources.Events events = new Sources.Events() {
        @Override
        public void locked(Lockout lockout) {
            locked.add(lockout);
        }

        @Override
        public void unlocked(Lockout lockout, String why) {
            // not looked at here
        }
    };

    private static InetAddress v6(int network, int host) throws Exception {
        return InetAddress.getByName("2001:db8:" + Integer.toHexString(network >> 16) + ":"
                + Integer.toHexString(network & 0xffff) + "::" + Integer.toHexString(host >> 16) + ":"
                + Integer.toHexString((host & 0xffff) + 1));
    }

    @Test
    void anIpv6SubscriberIsOneSourceWhicheverAddressOfItsSlash64ItSendsFrom() throws Exception {
        Sources sources = new Sources(LIMITS, a -> false, events, 1000);
        for (int host = 0; host < 3; host++) {
            sources.failed(v6(7, host * 1000), "guess" + host, 1_000);
        }
        assertEquals(1, locked.size(), "three failures from three addresses of one /64 lock it out");
        assertFalse(sources.admit(v6(7, 99_999), 2_000), "any address of that /64 is refused");
        assertTrue(sources.admit(v6(8, 1), 2_000), "the next /64 is someone else");
    }

    @Test
    void manyAddressesEvictTheLeastRecentlySeenAndKeepTheLockedOut() throws Exception {
        Sources sources = new Sources(LIMITS, a -> false, events, 1000);
        InetAddress guesser = InetAddress.getByName("203.0.113.9");
        for (int i = 0; i < 3; i++) {
            sources.failed(guesser, "admin", 1_000);
        }
        for (int n = 0; n < 50_000; n++) {
            assertTrue(sources.admit(v6(n, 0), 2_000 + n), "a new address while there is idle room: " + n);
        }
        assertFalse(sources.admit(guesser, 60_000), "the locked-out address was never evicted");
        assertEquals(1, sources.lockouts(60_000).size());
    }

    @Test
    void aTableFullOfLockoutsFailsClosed() throws Exception {
        Sources sources = new Sources(LIMITS, a -> a.getHostAddress().startsWith("192.0.2."), events, 100);
        for (int n = 0; n < 100; n++) {
            for (int i = 0; i < 3; i++) {
                sources.failed(v6(n, 0), "x", 1_000);
            }
        }
        assertEquals(100, sources.lockouts(2_000).size());
        assertFalse(sources.admit(InetAddress.getByName("198.51.100.1"), 2_000),
                "an unknown address is refused, not let through uncounted");
        assertTrue(sources.admit(InetAddress.getByName("192.0.2.10"), 2_000), "trusted addresses still pass");

        Users users = new Users(LIMITS, events, 10);
        for (int n = 0; n < 10; n++) {
            for (int i = 0; i < 3; i++) {
                users.failed("user" + n, 1_000, name -> Set.of());
            }
        }
        assertTrue(users.refused("newcomer", InetAddress.getByName("198.51.100.2"), 2_000), "failed closed");
        Users roomy = new Users(LIMITS, events, 10);
        for (int n = 0; n < 1000; n++) {
            roomy.failed("sweep" + n, 1_000 + n, name -> Set.of());
        }
        assertFalse(roomy.refused("newcomer", InetAddress.getByName("198.51.100.2"), 5_000),
                "idle names made room: nobody is refused");
    }
}
