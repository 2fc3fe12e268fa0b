package io.switchboard.sip.conformance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingPolicy;
import io.switchboard.sip.api.routing.TrunkChoice;

/**
 * What every {@link RoutingPolicy} must do, checked against decisions like the switch's:
 * <ul>
 * <li>it answers every outbound decision, also one without usable trunks, without an E.164 form, or
 * with no trunks at all;</li>
 * <li>it keeps to the route: no trunk that the route does not list, no unusable trunk made usable,
 * the same route and number sent;</li>
 * <li>it adds to the reasons, never drops one: an admin reads them in the simulator;</li>
 * <li>a refusal is a final SIP status, 400 to 699;</li>
 * <li>it answers the same from many threads at once as from one (calls are routed on several SIP
 * threads).</li>
 * </ul>
 * A plugin's test calls {@link #check(RoutingPolicy, List)} with the trunk names its configuration
 * knows (so that its own rules are exercised), or {@link #check(RoutingPolicy)}.
 */
public final class RoutingPolicyConformance {

    private RoutingPolicyConformance() {
    }

    /** Checks a policy against decisions over trunks it has no rules for. */
    public static void check(RoutingPolicy policy) {
        check(policy, List.of("trunk-a", "trunk-b", "trunk-c"));
    }

    /**
     * Checks a policy against decisions over these trunks.
     *
     * @param trunks two or more trunk names, such as those the policy's configuration has rules for
     * @throws AssertionError naming the first rule the policy breaks, with the decision it broke it on
     */
    public static void check(RoutingPolicy policy, List<String> trunks) {
        if (trunks.size() < 2) {
            throw new IllegalArgumentException("Give two trunk names or more");
        }
        List<RouteRequest> requests = new ArrayList<>();
        List<RouteDecision> decisions = new ArrayList<>();
        for (String dialled : List.of("+442079461234", "02079461234", "+12125550199", "911", "*98")) {
            for (List<TrunkChoice> choices : variants(trunks)) {
                String e164 = dialled.startsWith("+") ? dialled : null;
                requests.add(new RouteRequest("alice", null, dialled, Instant.parse("2026-11-24T12:00:00Z")));
                decisions.add(new RouteDecision(Outcome.TRUNKS, 0, null, null, "route-1", dialled, e164,
                        dialled, choices, List.of("dialled " + dialled, "route route-1: pattern matches")));
            }
        }
        List<RouteDecision> answers = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            RouteDecision answer = apply(policy, requests.get(i), decisions.get(i));
            keepsToTheRoute(decisions.get(i), answer);
            answers.add(answer);
        }
        sameFromManyThreads(policy, requests, decisions, answers);
    }

    /** All usable; first unusable; none usable; none at all; reversed. */
    private static List<List<TrunkChoice>> variants(List<String> trunks) {
        List<TrunkChoice> usable = trunks.stream().map(t -> new TrunkChoice(t, true, "usable")).toList();
        List<TrunkChoice> firstDown = new ArrayList<>(usable);
        firstDown.set(0, new TrunkChoice(trunks.get(0), false, "down since 2026-11-24T11:00:00Z"));
        List<TrunkChoice> noneUsable = trunks.stream().map(t -> new TrunkChoice(t, false, "disabled")).toList();
        List<TrunkChoice> reversed = new ArrayList<>(usable);
        Collections.reverse(reversed);
        return List.of(usable, firstDown, noneUsable, List.of(), reversed);
    }

    private static RouteDecision apply(RoutingPolicy policy, RouteRequest request, RouteDecision decision) {
        RouteDecision answer;
        try {
            answer = policy.apply(request, decision);
        } catch (RuntimeException e) {
            throw fail("threw " + e, decision, null);
        }
        if (answer == null) {
            throw fail("answered null", decision, null);
        }
        return answer;
    }

    private static void keepsToTheRoute(RouteDecision before, RouteDecision after) {
        if (after.outcome() == Outcome.REJECTED) {
            if (after.status() < 400 || after.status() > 699) {
                throw fail("refused with status " + after.status() + ", not 400 to 699", before, after);
            }
        } else if (after.outcome() != Outcome.TRUNKS) {
            throw fail("answered outcome " + after.outcome() + "; a policy answers TRUNKS or REJECTED", before, after);
        } else {
            if (!Objects.equals(before.route(), after.route()) || !Objects.equals(before.send(), after.send())) {
                throw fail("changed the route or the number sent", before, after);
            }
            Map<String, Boolean> listed = new HashMap<>();
            before.trunks().forEach(t -> listed.put(t.trunk(), t.usable()));
            for (TrunkChoice t : after.trunks()) {
                Boolean usable = listed.get(t.trunk());
                if (usable == null) {
                    throw fail("added trunk " + t.trunk() + ", which the route does not list", before, after);
                }
                if (t.usable() && !usable) {
                    throw fail("made trunk " + t.trunk() + " usable, which is not", before, after);
                }
            }
        }
        if (after.reasons().size() < before.reasons().size()
                || !after.reasons().subList(0, before.reasons().size()).equals(before.reasons())) {
            throw fail("dropped or changed reasons given before it; a policy adds its own after them", before, after);
        }
    }

    private static void sameFromManyThreads(RoutingPolicy policy, List<RouteRequest> requests,
            List<RouteDecision> decisions, List<RouteDecision> expected) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RouteDecision>> futures = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < decisions.size(); i++) {
                    RouteRequest request = requests.get(i);
                    RouteDecision decision = decisions.get(i);
                    futures.add(pool.submit(() -> policy.apply(request, decision)));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                int i = f % decisions.size();
                RouteDecision got;
                try {
                    got = futures.get(f).get();
                } catch (Exception e) {
                    throw fail("failed when called from several threads: " + e, decisions.get(i), null);
                }
                if (!expected.get(i).equals(got)) {
                    throw fail("answered differently from several threads than from one (" + expected.get(i) + ")",
                            decisions.get(i), got);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static AssertionError fail(String what, RouteDecision before, RouteDecision after) {
        return new AssertionError("The routing policy " + what + "\n  on: " + before
                + (after == null ? "" : "\n  it answered: " + after));
    }
}
