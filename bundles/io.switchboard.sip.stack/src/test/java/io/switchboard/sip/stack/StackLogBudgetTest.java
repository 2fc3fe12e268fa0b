package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StackLogBudgetTest {

    @Test
    void aFloodCostsAFewLinesAMinuteAndIsCounted() {
        StackLogBudget budget = new StackLogBudget(20, 60_000);
        int written = 0;
        for (int i = 0; i < 100_000; i++) {
            if (budget.take(1_000 + i / 10)) {
                written++;
            }
        }
        assertEquals(20, written, "100,000 bad datagrams in ten seconds: twenty lines");
        assertEquals(100_000 - 20, budget.dropped());
        assertTrue(budget.take(61_001), "the next minute has its own budget");
        assertEquals(0, budget.dropped());
        assertFalse(budget.dropped() > 0);
    }
}
