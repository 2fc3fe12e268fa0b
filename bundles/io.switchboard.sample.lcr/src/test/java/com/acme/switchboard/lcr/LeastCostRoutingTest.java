package com.acme.switchboard.lcr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.conformance.RoutingPolicyConformance;

class LeastCostRoutingTest {

    private static final String RATES = """
            trunk,prefix,rate
            trunk-a,+44,0.0120
            trunk-b,+44,0.0090
            trunk-b,+4420,0.0150
            trunk-c,+1,0.0040
            trunk-a,44x,cheap
            trunk-c,+1212,-1
            """;

    @Test
    void passesTheRoutingPolicyConformanceKit() throws Exception {
        RoutingPolicyConformance.check(new LeastCostRouting(RateTable.read(new StringReader(RATES))),
                List.of("trunk-a", "trunk-b", "trunk-c"));
    }

    @Test
    void cheapestFirstByTheLongestPrefixUnpricedLast() throws Exception {
        LeastCostRouting lcr = new LeastCostRouting(RateTable.read(new StringReader(RATES)));
        assertEquals(List.of("trunk-b", "trunk-a", "trunk-c"), order(lcr, "+441614960000"), "Manchester: +44");
        assertEquals(List.of("trunk-a", "trunk-b", "trunk-c"), order(lcr, "+442071234567"),
                "+4420 costs trunk-b 0.0150: trunk-a first");
        assertEquals(List.of("trunk-c", "trunk-a", "trunk-b"), order(lcr, "+12125550199"),
                "only trunk-c has a US rate; the others keep their order");
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheRestKept() throws Exception {
        RateTable table = RateTable.read(new StringReader(RATES));
        assertEquals(List.of(new RateTable.Problem(6, "needs a trunk and a prefix of digits, optionally with +"),
                new RateTable.Problem(7, "rate '-1' is not a price per minute like 0.0120")), table.problems());
        assertEquals(3, table.trunks());
        assertThrows(IllegalArgumentException.class, () -> RateTable.read(new StringReader("carrier,cost\n")));
    }

    private static List<String> order(LeastCostRouting lcr, String number) {
        RouteDecision d = new RouteDecision(Outcome.TRUNKS, 0, null, null, "uk", number, number, number,
                List.of(new TrunkChoice("trunk-a", true, "usable"), new TrunkChoice("trunk-b", true, "usable"),
                        new TrunkChoice("trunk-c", true, "usable")), List.of());
        return lcr.apply(new RouteRequest("alice", null, number, Instant.now()), d).trunks().stream()
                .map(TrunkChoice::trunk).toList();
    }
}
