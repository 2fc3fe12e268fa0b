package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which diversions tell the mailbox that its user was busy, so that the busy greeting plays. */
class CallDivertTest {

    @Test
    void busyAnswersAndBusyForwardsAreBusy() {
        assertTrue(CallDivert.busy("486 Busy Here"));
        assertTrue(CallDivert.busy("600 Busy Everywhere"));
        assertTrue(CallDivert.busy("forwarded: user-busy"));
        assertFalse(CallDivert.busy("480 No answer"));
        assertFalse(CallDivert.busy("forwarded: no-answer"));
        assertFalse(CallDivert.busy("4860 odd"), "a status is three digits");
        assertFalse(CallDivert.busy("group sales: no answer"));
    }
}
