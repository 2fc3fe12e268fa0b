package io.switchboard.presence.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallOrderTest {

    @Test
    void anAnswerThatArrivesAfterTheEndIsNotShown() {
        CallOrder order = new CallOrder();
        assertTrue(order.advances("c1", "early"));
        assertTrue(order.advances("c1", "terminated"));
        assertFalse(order.advances("c1", "confirmed"), "the end overtook the answer: the lamp stays dark");
        assertTrue(order.advances("c2", "early"), "another call is its own");
        assertTrue(order.advances("c2", "early"), "a second callee rung after a forward is no step back");
        assertTrue(order.advances("c2", "confirmed"));
        assertFalse(order.advances("c2", "early"));
    }

    @Test
    void itRemembersTheRecentCallsOnly() {
        CallOrder order = new CallOrder();
        order.advances("old", "terminated");
        for (int i = 0; i < CallOrder.CAPACITY; i++) {
            order.advances("call-" + i, "early");
        }
        assertTrue(order.advances("old", "confirmed"), "forgotten once ten thousand later calls came");
    }
}
