package io.switchboard.sip.provisioning.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteDiff.Change;
import io.switchboard.sip.api.provisioning.RouteDiff.Kind;

class RouteDiffsTest {

    private static final Route UK = new Route("uk", 10, "+44.", 0, null, null, null, null, null, List.of("a"), true);
    private static final Route US = new Route("us", 20, "+1.", 0, null, null, null, null, null, List.of("b"), true);

    @Test
    void addedRemovedAndChangedRoutesAreNamedWithTheFieldsThatDiffer() {
        Route ukLater = new Route("uk", 5, "+44.", 1, "9", "mon-fri", "08:00", "18:00", null, List.of("b", "a"), true);
        Route fr = new Route("fr", 30, "+33.", 0, null, null, null, null, null, List.of("a"), false);
        RouteDiff diff = RouteDiffs.diff(3, 7, List.of(UK, US), List.of(fr, ukLater));
        assertEquals(3, diff.from());
        assertEquals(7, diff.to());
        assertEquals(List.of("fr ADDED", "uk CHANGED", "us REMOVED"),
                diff.changes().stream().map(c -> c.name() + " " + c.kind()).toList());
        Change uk = diff.changes().get(1);
        assertEquals(List.of("priority", "strip", "prepend", "days", "timeFrom", "timeTo", "trunks"), uk.fields());
        assertEquals(UK, uk.before());
        assertEquals(ukLater, uk.after());
        Change us = diff.changes().get(2);
        assertEquals(Kind.REMOVED, us.kind());
        assertEquals(null, us.after());
    }

    @Test
    void theSameTableInAnotherOrderHasNoChanges() {
        assertTrue(RouteDiffs.diff(1, 2, List.of(UK, US), List.of(US, UK)).changes().isEmpty());
        assertTrue(RouteDiffs.fields(UK, UK).isEmpty());
    }
}
