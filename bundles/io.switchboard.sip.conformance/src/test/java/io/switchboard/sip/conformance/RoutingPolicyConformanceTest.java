package io.switchboard.sip.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RoutingPolicy;
import io.switchboard.sip.api.routing.TrunkChoice;

/** The kit passes a policy that keeps the rules and names the rule that a bad one breaks. */
class RoutingPolicyConformanceTest {

    @Test
    void aPolicyThatKeepsTheRulesPasses() {
        RoutingPolicy reverse = (request, decision) -> {
            List<TrunkChoice> trunks = new ArrayList<>(decision.trunks());
            Collections.reverse(trunks);
            return decision.withTrunks(trunks, "policy reverse: reversed");
        };
        RoutingPolicyConformance.check(reverse);
        RoutingPolicyConformance.check((request, decision) -> decision);
        RoutingPolicyConformance.check((request, decision) -> request.dialled().equals("911") ? decision
                : decision.rejected(403, "policy block: not allowed"));
    }

    @Test
    void eachBrokenRuleIsNamed() {
        fails("added trunk extra", (request, d) -> {
            List<TrunkChoice> trunks = new ArrayList<>(d.trunks());
            trunks.add(new TrunkChoice("extra", true, "usable"));
            return d.withTrunks(trunks, "more");
        });
        fails("usable, which is not", (request, d) -> d.withTrunks(d.trunks().stream()
                .map(t -> new TrunkChoice(t.trunk(), true, "usable")).toList(), "all up"));
        fails("dropped or changed reasons", (request, d) -> new RouteDecision(d.outcome(), 0, null, null, d.route(),
                d.dialled(), d.e164(), d.send(), d.trunks(), List.of("mine")));
        fails("status 302", (request, d) -> d.rejected(302, "moved"));
        fails("answered null", (request, d) -> null);
        fails("threw", (request, d) -> {
            throw new IllegalStateException("no rates for " + d.dialled());
        });
        AtomicInteger calls = new AtomicInteger();
        fails("differently from several threads", (request, d) -> d.withTrunks(d.trunks(),
                "call " + calls.incrementAndGet()));
    }

    private static void fails(String expected, RoutingPolicy policy) {
        AssertionError e = assertThrows(AssertionError.class, () -> RoutingPolicyConformance.check(policy));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
