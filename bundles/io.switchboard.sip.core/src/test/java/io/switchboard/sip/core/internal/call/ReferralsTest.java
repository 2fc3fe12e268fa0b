package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * A transfer the switch passed on names its transferrer to the call the transferred phone makes next, to that
 * target only, and once: a park slot then knows whose phone to ring back.
 */
class ReferralsTest {

    @Test
    void theTransferredPhonesNextCallToTheTargetNamesTheTransferrerOnce() {
        Referrals referrals = new Referrals();
        referrals.referred("alice", "700", "bob");
        assertNull(referrals.take("alice", "701"), "another target is not the transfer's");
        assertNull(referrals.take("carol", "700"), "another caller is not the transferred one");
        assertEquals("bob", referrals.take("alice", "700"));
        assertNull(referrals.take("alice", "700"), "known once");
    }

    @Test
    void aLaterTransferOfTheSameCallerToTheSameTargetIsTheOneThatCounts() {
        Referrals referrals = new Referrals();
        referrals.referred("alice", "700", "bob");
        referrals.referred("alice", "700", "carol");
        assertEquals("carol", referrals.take("alice", "700"));
    }
}
