package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;

import javax.sip.ClientTransaction;
import javax.sip.TransactionState;

import org.junit.jupiter.api.Test;

/**
 * A CANCEL only for an INVITE still waiting for its final answer: one sent after a busy phone's 486 (before the
 * call went on to the busy forward) was retransmitted for 32 s to the phone's port, and a phone started there
 * meanwhile took it for a call of its own.
 */
class CancelRuleTest {

    @Test
    void onlyAnInviteWaitingForItsAnswerIsCancelled() {
        assertEquals(true, CallPart.pending(in(TransactionState.CALLING)));
        assertEquals(true, CallPart.pending(in(TransactionState.PROCEEDING)));
        assertEquals(false, CallPart.pending(in(TransactionState.COMPLETED)), "a final answer came");
        assertEquals(false, CallPart.pending(in(TransactionState.TERMINATED)));
    }

    private static ClientTransaction in(TransactionState state) {
        return (ClientTransaction) Proxy.newProxyInstance(CancelRuleTest.class.getClassLoader(),
                new Class<?>[] { ClientTransaction.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getState")) {
                        return state;
                    }
                    throw new AssertionError("the rule reads only the state, not " + method.getName());
                });
    }
}
