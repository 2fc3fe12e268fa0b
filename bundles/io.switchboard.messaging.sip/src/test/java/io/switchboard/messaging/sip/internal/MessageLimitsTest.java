package io.switchboard.messaging.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageLimitsTest {

    @Test
    void aBurstPastTheLimitIsRefusedUntilTheOldestIsAMinuteOld() {
        MessageLimits limits = new MessageLimits();
        for (int i = 0; i < 3; i++) {
            assertNull(limits.admit("alice", 3, 1_000 + i));
        }
        MessageLimits.Refusal refused = limits.admit("alice", 3, 2_000);
        assertNotNull(refused);
        assertTrue(refused.reason().contains("callsPerMinute 3"), refused.reason());
        assertEquals(59, refused.retryAfterSeconds());
        assertNull(limits.admit("bob", 3, 2_000), "each user counts apart");
        assertNotNull(limits.admit("alice", 3, 60_999), "the oldest is not yet a minute old");
        assertNull(limits.admit("alice", 3, 61_000));
    }

    @Test
    void noLimitAndPruning() {
        MessageLimits limits = new MessageLimits();
        for (int i = 0; i < 100; i++) {
            assertNull(limits.admit("carol", 0, i));
            assertNull(limits.admit("carol", null, i));
        }
        assertNull(limits.admit("dave", 1, 0));
        limits.prune(60_000);
        assertNull(limits.admit("dave", 1, 60_000), "forgotten a minute after");
        assertNotNull(limits.admit("dave", 1, 60_001));
    }
}
