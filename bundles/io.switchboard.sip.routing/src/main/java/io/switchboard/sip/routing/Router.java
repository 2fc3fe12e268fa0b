package io.switchboard.sip.routing;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingPolicy;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.api.schedule.ScheduleState;

/**
 * The one routing path of calls and the simulator. A call from a trunk goes to the user of the number
 * it came to. A call from a user (an enabled one: the simulator checks this as calls are checked by
 * their credentials) goes to a user of that name, a call target of that name, the user of one of our
 * numbers, or out through the first matching route if the caller's class of service allows the
 * number ({@link CallingRules}), whose trunks the routing policies then refine, highest ranking first.
 */
public final class Router implements RoutingService {

    private static final Logger LOG = System.getLogger(Router.class.getName());

    /** A routing policy with its name, in the order they apply. */
    record Policy(String name, RoutingPolicy policy) {
    }

    private final UserService users;
    private final SipCredentials credentials;
    private final NumberService numbers;
    private final RouteService routes;
    private final Function<String, String> e164;
    private final Routing.TrunkCheck trunks;
    private final Supplier<List<Policy>> policies;
    /** What serves an extension inside the server ("call target", "hunt group"), or null for nothing. */
    private final Function<String, String> targetKind;
    private final Supplier<CallingRules> calling;
    private final Function<String, CallingPolicy> callingPolicies;
    private final Function<String, NumberInfo> describe;
    private final Routing.ScheduleCheck schedules;
    private final Supplier<EmergencyDialling> emergency;

    /** The call target that answers emergency test numbers (io.switchboard.emergency.core's). */
    public static final String EMERGENCY_TEST = "emergency-test";

    /** A destination that names a user's mailbox: {@code voicemail:alice}. */
    static final String MAILBOX = "voicemail:";

    /**
     * @param calling the classes of service and blocked destinations
     * @param policyOf a user's own calling policy (null fields: the defaults)
     * @param describe what kind of number a dialled string is, or null when nobody can tell
     * @param schedules whether a named schedule is open at an instant, and why
     * @param emergency which numbers are emergency calls, and their route
     */
    Router(UserService users, SipCredentials credentials, NumberService numbers, RouteService routes,
            Function<String, String> e164, Routing.TrunkCheck trunks, Supplier<List<Policy>> policies,
            Function<String, String> targetKind, Supplier<CallingRules> calling,
            Function<String, CallingPolicy> policyOf, Function<String, NumberInfo> describe,
            Routing.ScheduleCheck schedules, Supplier<EmergencyDialling> emergency) {
        this.schedules = schedules;
        this.emergency = emergency;
        this.calling = calling;
        this.callingPolicies = policyOf;
        this.describe = describe;
        this.users = users;
        this.credentials = credentials;
        this.numbers = numbers;
        this.routes = routes;
        this.e164 = e164;
        this.trunks = trunks;
        this.policies = policies;
        this.targetKind = targetKind;
    }

    /** Reads the route table only for a number that goes out: calls from trunks and to users need none. */
    @Override
    public RouteDecision route(RouteRequest request) {
        return route(request, routes::routes);
    }

    /** The decision a call would get if the route table were {@code table}: for comparing versions. */
    RouteDecision route(RouteRequest request, List<Route> table) {
        return route(request, () -> table);
    }

    private RouteDecision route(RouteRequest request, Supplier<List<Route>> routeTable) {
        String dialled = request.dialled();
        List<String> why = new ArrayList<>();
        if (dialled == null || dialled.isBlank()) {
            why.add("no user part in the request URI");
            return rejected(404, null, null, why);
        }
        String e164 = this.e164.apply(dialled);
        if (request.trunkIn() != null) {
            why.add("from trunk " + request.trunkIn() + ": to the number's user");
            Optional<PhoneNumber> did = e164 == null ? Optional.empty() : numbers.number(e164);
            if (did.isEmpty() || did.get().destination() == null) {
                why.add(dialled + (e164 == null ? " has no E.164 form" : " is not in service here"));
                return rejected(404, dialled, e164, why);
            }
            return toNumber(did.get(), dialled, e164, request.time(), why);
        }
        if (request.caller() == null || request.caller().isBlank()) {
            why.add("caller not given: taken as an enabled user");
        } else if (credentials.digest(request.caller()).isEmpty()) {
            why.add("caller " + request.caller() + " is no enabled user");
            return rejected(403, dialled, e164, why);
        } else {
            why.add("caller " + request.caller() + " is an enabled user");
        }
        EmergencyDialling.Dial sos = emergency.get().recognize(dialled, describe);
        if (sos != null) {
            return emergency(sos, routeTable.get(), request.time(), why);
        }
        if (users.user(dialled).isPresent()) {
            why.add(dialled + " is a user");
            return new RouteDecision(Outcome.USER, 0, dialled, null, null, dialled, null, null, List.of(), why);
        }
        String kind = targetKind.apply(dialled);
        if (kind != null) {
            why.add(dialled + " is a " + kind);
            return new RouteDecision(Outcome.TARGET, 0, dialled, null, null, dialled, null, null, List.of(), why);
        }
        Optional<PhoneNumber> did = e164 == null ? Optional.empty() : numbers.number(e164);
        if (did.isPresent() && did.get().destination() != null) {
            why.add(e164 + " is our number");
            return toNumber(did.get(), dialled, e164, request.time(), why);
        }
        List<Route> table = routeTable.get();
        RouteDecision d = Routing.decide(table, dialled, e164, request.time(), trunks, schedules, why);
        if (d.outcome() != Outcome.TRUNKS) {
            return d;
        }
        List<String> checked = new ArrayList<>(d.reasons());
        String sentE164 = this.e164.apply(d.send());
        Route route = table.stream().filter(r -> r.name().equals(d.route())).findFirst().orElse(null);
        String refusal = calling.get().refusal(request.caller(), callingPolicies.apply(request.caller()), e164, d.send(),
                sentE164, describe.apply(d.send()), route, checked);
        if (refusal != null) {
            return d.rejected(403, refusal);
        }
        return applyPolicies(request, new RouteDecision(d.outcome(), d.status(), d.destination(), d.did(), d.route(),
                d.dialled(), d.e164(), d.send(), d.trunks(), checked));
    }

    /**
     * An emergency call: the emergency route's trunks in order (a test number to the test service
     * instead), past class of service and routing policies; without an emergency route, the route
     * table's route for the emergency number.
     */
    private RouteDecision emergency(EmergencyDialling.Dial sos, List<Route> table, Instant when, List<String> why) {
        return flagged(emergencyRoute(sos, table, when, why));
    }

    /** @return the decision marked as an emergency call's, for the features that must never place one */
    private static RouteDecision flagged(RouteDecision d) {
        return new RouteDecision(d.outcome(), d.status(), d.destination(), d.did(), d.route(), d.dialled(), d.e164(),
                d.send(), d.trunks(), d.reasons(), true);
    }

    private RouteDecision emergencyRoute(EmergencyDialling.Dial sos, List<Route> table, Instant when,
            List<String> why) {
        if (sos.test()) {
            why.add(sos.dialled() + " is an emergency test number: it checks the caller's address, and never leaves");
            if (targetKind.apply(EMERGENCY_TEST) == null) {
                why.add("no emergency test service (" + EMERGENCY_TEST + ") is running");
                return rejected(404, sos.dialled(), null, why);
            }
            return new RouteDecision(Outcome.TARGET, 0, EMERGENCY_TEST, null, null, sos.dialled(), null, null,
                    List.of(), why);
        }
        why.add(sos.dialled() + " is an emergency call (" + sos.number() + "): never refused by class of service, "
                + "calling limits, channel limits or lockouts");
        Routing.TrunkCheck anyChannel = trunks::unusableForEmergency;
        String name = emergency.get().route();
        Route r = table.stream().filter(x -> x.enabled() && x.name().equals(name)).findFirst().orElse(null);
        if (r == null) {
            why.add("no enabled emergency route '" + name + "': the route table decides");
            return Routing.decide(table, sos.number(), null, when, anyChannel, schedules, why);
        }
        String send = (r.prepend() == null ? "" : r.prepend()) + sos.number().substring(Math.min(r.strip(),
                sos.number().length()));
        List<TrunkChoice> candidates = new ArrayList<>();
        for (String t : r.trunks()) {
            String problem = anyChannel.unusable(t);
            candidates.add(new TrunkChoice(t, problem == null, problem == null ? "usable" : problem));
        }
        why.add("emergency route " + r.name() + ": sends " + send + " through " + String.join(", ", r.trunks())
                + " in order");
        return new RouteDecision(Outcome.TRUNKS, 0, null, null, r.name(), sos.dialled(), null, send, candidates, why);
    }

    /** To the number's destination, or while its schedule is closed to its after-hours destination. */
    private RouteDecision toNumber(PhoneNumber n, String dialled, String e164, Instant when, List<String> why) {
        if (!n.lifecycle().state().takesCalls()) {
            String announcement = calling.get().inactiveNumbers();
            if (announcement != null) {
                why.add(n.number() + " is " + n.lifecycle().state() + ": to " + announcement + " (inactiveNumberDestination)");
                return toDestination(announcement, n.number(), dialled, e164, why);
            }
            why.add(n.number() + " is " + n.lifecycle().state() + ": not in service");
            return new RouteDecision(Outcome.REJECTED, 404, null, n.number(), null, dialled, e164, null, List.of(), why);
        }
        if (n.schedule() == null) {
            return toDestination(n.destination(), n.number(), dialled, e164, why);
        }
        ScheduleState s = schedules.named(n.schedule(), when);
        why.add("schedule " + n.schedule() + ": " + s.why());
        if (s.open()) {
            return toDestination(n.destination(), n.number(), dialled, e164, why);
        }
        if (n.closedDestination() == null) {
            why.add("closed, and the number has no after-hours destination");
            return new RouteDecision(Outcome.REJECTED, 480, null, n.number(), null, dialled, e164, null, List.of(), why);
        }
        why.add("after hours");
        return toDestination(n.closedDestination(), n.number(), dialled, e164, why);
    }

    private RouteDecision toDestination(String destination, String did, String dialled, String e164,
            List<String> why) {
        if (destination.startsWith(MAILBOX) && users.user(destination.substring(MAILBOX.length())).isPresent()) {
            why.add("to " + destination.substring(MAILBOX.length()) + "'s voicemail");
            return new RouteDecision(Outcome.TARGET, 0, destination, did, null, dialled, e164, null, List.of(), why);
        }
        if (users.user(destination).isPresent()) {
            why.add("to user " + destination);
            return new RouteDecision(Outcome.USER, 0, destination, did, null, dialled, e164, null, List.of(), why);
        }
        String kind = targetKind.apply(destination);
        if (kind != null) {
            why.add("to " + kind + " " + destination);
            return new RouteDecision(Outcome.TARGET, 0, destination, did, null, dialled, e164, null, List.of(), why);
        }
        why.add("no user " + destination);
        return new RouteDecision(Outcome.REJECTED, 404, null, did, null, dialled, e164, null, List.of(), why);
    }

    private static RouteDecision rejected(int status, String dialled, String e164, List<String> why) {
        return new RouteDecision(Outcome.REJECTED, status, null, null, null, dialled, e164, null, List.of(), why);
    }

    /**
     * Each policy refines the decision of the one before. A policy that fails, or answers something a
     * policy may not (another outcome than TRUNKS or REJECTED, a trunk its route does not list), is
     * passed over for this call, with that in the reasons.
     */
    private RouteDecision applyPolicies(RouteRequest request, RouteDecision decision) {
        RouteDecision d = decision;
        for (Policy p : policies.get()) {
            RouteDecision next;
            try {
                next = p.policy().apply(request, d);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Routing policy " + p.name() + " failed; passed over: " + e);
                d = d.withTrunks(d.trunks(), "policy " + p.name() + ": failed (" + e + "), passed over");
                continue;
            }
            String wrong = misbehaviour(d, next);
            if (wrong != null) {
                LOG.log(Level.WARNING, "Routing policy " + p.name() + " passed over: " + wrong);
                d = d.withTrunks(d.trunks(), "policy " + p.name() + ": " + wrong + ", passed over");
                continue;
            }
            d = next;
            if (d.outcome() == Outcome.REJECTED) {
                break;
            }
        }
        return d;
    }

    private static String misbehaviour(RouteDecision before, RouteDecision after) {
        if (after == null) {
            return "answered null";
        }
        if (after.outcome() != Outcome.TRUNKS && after.outcome() != Outcome.REJECTED) {
            return "answered outcome " + after.outcome();
        }
        if (after.outcome() == Outcome.REJECTED && (after.status() < 400 || after.status() > 699)) {
            return "rejected with status " + after.status();
        }
        Map<String, Boolean> listed = new HashMap<>();
        before.trunks().forEach(t -> listed.put(t.trunk(), t.usable()));
        for (TrunkChoice t : after.trunks()) {
            Boolean usable = listed.get(t.trunk());
            if (usable == null) {
                return "added trunk " + t.trunk() + ", which the route does not list";
            }
            if (t.usable() && !usable) {
                return "made trunk " + t.trunk() + " usable, which is not";
            }
        }
        if (after.outcome() == Outcome.TRUNKS && (!Objects.equals(before.send(), after.send())
                || !Objects.equals(before.route(), after.route()))) {
            return "changed the route or the number sent";
        }
        return null;
    }
}
