package io.switchboard.sip.provisioning.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.switchboard.store.api.StoreException;

class LastKnownTest {

    private static final Supplier<String> AWAY = () -> {
        throw new StoreException("SIP store query failed: the database is not answering");
    };

    @Test
    void whatWasReadServesWhileTheDatabaseFailsAndNothingElseDoes() {
        LastKnown<String, String> last = new LastKnown<>();
        assertEquals("carrier-a", last.read("trunks", () -> "carrier-a"));
        assertEquals("carrier-a", last.read("trunks", AWAY), "the last reading, while the database fails");
        assertThrows(StoreException.class, () -> last.read("routes", AWAY), "nothing read before: no answer");
        assertEquals("carrier-b", last.read("trunks", () -> "carrier-b"), "a read that works wins");
        IllegalStateException bug = new IllegalStateException("a bug is no outage");
        assertEquals(bug, assertThrows(IllegalStateException.class, () -> last.read("trunks", () -> {
            throw bug;
        })));
    }

    @Test
    void aUserAsLastReadServesWhenItsRefreshFails() {
        UserCache<String> users = new UserCache<>(0); // every get reads again
        assertEquals(Optional.of("bob"), users.get("bob", () -> Optional.of("bob")));
        assertEquals(Optional.of("bob"), users.get("bob", () -> {
            throw new StoreException("SIP store query failed: the database is not answering");
        }));
        assertThrows(StoreException.class, () -> users.get("alice", () -> {
            throw new StoreException("SIP store query failed: the database is not answering");
        }));
    }
}
