package io.switchboard.cdr.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScanningQueriesTest {

    @Test
    void leadingWildcardsAndRegularExpressionsAreToldApart() {
        for (String q : new String[] { "*1234", "callee:*1234", "callee:?44*", "disposition:failed AND caller:*99",
                "(callee:*1)", "callee:/.*99/", "NOT callee:*7", "+callee:*7", "text:*" + "abc" }) {
            assertTrue(ScanningQueries.scans(q), q);
        }
        for (String q : new String[] { "*", "*:*", "callee:+4420*", "caller:alice", "start:[2026-11-01 TO *]",
                "disposition:failed AND sipCode:503", "callee:+44*99" }) {
            assertFalse(ScanningQueries.scans(q), q);
        }
    }
}
