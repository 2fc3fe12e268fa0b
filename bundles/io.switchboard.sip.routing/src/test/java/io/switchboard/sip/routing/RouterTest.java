package io.switchboard.sip.routing;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.TrunkChoice;

/** The one routing path, on provisioning held in maps: where each kind of call goes, and why. */
class RouterTest {

    private final Map<String, Boolean> users = new HashMap<>(Map.of("alice", true, "bob", true, "mallory", false));
    private final Map<String, String> numbers = new HashMap<>(Map.of("+442071110002", "bob", "+442071110009",
            "voicemail", "+442071110010", "gone"));
    private final List<Route> routes = new ArrayList<>(List.of(new Route("uk", 10, "+44.", 0, null, null, null, null,
            null, List.of("a", "b"), true)));
    private final List<Router.Policy> policies = new ArrayList<>();
    private static final EmergencyDialling EMERGENCY = new EmergencyDialling("emergency", List.of("9"), Set.of(
            "933"), "", 30);
    private final Map<String, CallingPolicy> callingPolicies = new HashMap<>();
    private CallingRules calling = CallingRules.NONE;
    private final Router router = new Router(userService(), credentials(), numberService(), routeService(),
            d -> !d.matches("\\+?[0-9]{4,15}") ? null : d.startsWith("+") ? d : d.startsWith("0") ? "+44" + d.substring(1) : null,
            t -> t.equals("a") ? "down since 2026-11-24T11:00:00Z" : null, () -> policies,
            x -> x.equals("voicemail") ? "call target" : x.equals("600") ? "hunt group" : null,
            () -> calling, u -> callingPolicies.getOrDefault(u, CallingPolicy.DEFAULTS), RouterTest::describe,
            RoutingTest.SCHEDULES, () -> EMERGENCY);

    /** The kinds of number of the tests, as the numbering service tells them from libphonenumber's plans. */
    private static NumberInfo describe(String dialled) {
        String e164 = dialled.startsWith("0") ? "+44" + dialled.substring(1) : dialled;
        if (dialled.equals("999")) {
            return new NumberInfo(dialled, null, "GB", "SHORT_CODE", false, false, true);
        }
        if (e164.startsWith("+882")) {
            return new NumberInfo(dialled, e164, "001", "UNKNOWN", true, false, false);
        }
        boolean premium = e164.startsWith("+449");
        boolean uk = e164.startsWith("+44");
        return new NumberInfo(dialled, e164, uk ? "GB" : "US", premium ? "PREMIUM_RATE" : "FIXED_LINE", !uk, premium,
                false);
    }

    /** A number cancelled and held back: it reaches nobody. */
    private static final String QUARANTINED = "+442071110099";

    @Test
    void aNumberNotInServiceReachesNobodyOrTheAnnouncement() {
        RouteDecision d = route(null, "carrier", "02071110099");
        assertEquals(404, d.status(), d.reasons().toString());
        assertEquals("+442071110099 is quarantined: not in service", last(d));
        assertEquals(QUARANTINED, d.did(), "the record names the number");
        calling = new CallingRules(CallingRules.NONE.defaults(), List.of(), "voicemail");
        RouteDecision announced = route(null, "carrier", "02071110099");
        assertEquals(Outcome.TARGET, announced.outcome(), announced.reasons().toString());
        assertEquals("voicemail", announced.destination());
    }

    /** Numbers whose calls follow the "night" schedule (open 22:00-06:00 UTC). */
    private static final String NIGHT_LINE = "+442071110020";
    private static final String NIGHT_ONLY = "+442071110021";

    @Test
    void numbersFollowTheirScheduleAtTheCallsTime() {
        RouteDecision open = router.route(new RouteRequest("+15551230000", "carrier", NIGHT_LINE,
                Instant.parse("2026-11-24T23:30:00Z")));
        assertEquals(Outcome.TARGET, open.outcome());
        assertEquals("600", open.destination());
        assertTrue(open.reasons().contains("schedule night: open: every day 22:00-06:00"), open.reasons().toString());

        RouteDecision closed = router.route(new RouteRequest("+15551230000", "carrier", NIGHT_LINE,
                Instant.parse("2026-11-24T12:00:00Z")));
        assertEquals(Outcome.TARGET, closed.outcome());
        assertEquals("voicemail:bob", closed.destination(), closed.reasons().toString());
        assertEquals(NIGHT_LINE, closed.did());
        assertEquals(List.of("after hours", "to bob's voicemail"), closed.reasons().subList(closed.reasons().size() - 2,
                closed.reasons().size()));

        RouteDecision nowhere = router.route(new RouteRequest("alice", null, NIGHT_ONLY,
                Instant.parse("2026-11-24T12:00:00Z")));
        assertEquals(Outcome.REJECTED, nowhere.outcome());
        assertEquals(480, nowhere.status());
        assertEquals("closed, and the number has no after-hours destination",
                nowhere.reasons().get(nowhere.reasons().size() - 1));
    }

    @Test
    void callsFromUsers() {
        RouteDecision toBob = route("alice", null, "bob");
        assertEquals(Outcome.USER, toBob.outcome());
        assertEquals("bob", toBob.destination());

        RouteDecision ourNumber = route("alice", null, "02071110002");
        assertEquals(Outcome.USER, ourNumber.outcome());
        assertEquals("+442071110002", ourNumber.did());

        assertEquals(Outcome.TARGET, route("alice", null, "voicemail").outcome());
        RouteDecision group = route("alice", null, "600");
        assertEquals(Outcome.TARGET, group.outcome());
        assertEquals("600", group.destination());
        assertEquals("600 is a hunt group", group.reasons().get(group.reasons().size() - 1));

        RouteDecision out = route("alice", null, "02079461234");
        assertEquals(Outcome.TRUNKS, out.outcome());
        assertEquals(List.of(new TrunkChoice("a", false, "down since 2026-11-24T11:00:00Z"),
                new TrunkChoice("b", true, "usable")), out.trunks());
        assertEquals("+442079461234", out.send());

        RouteDecision nowhere = route("alice", null, "+33142684567");
        assertEquals(Outcome.REJECTED, nowhere.outcome());
        assertEquals(404, nowhere.status());
    }

    @Test
    void theCallerIsCheckedAsCallsAre() {
        RouteDecision disabled = route("mallory", null, "02079461234");
        assertEquals(Outcome.REJECTED, disabled.outcome());
        assertEquals(403, disabled.status());
        assertTrue(disabled.reasons().contains("caller mallory is no enabled user"), disabled.reasons().toString());
        assertEquals(403, route("nobody", null, "bob").status());
        assertEquals(Outcome.TRUNKS, route(null, null, "02079461234").outcome(), "the simulator without a caller");
    }

    @Test
    void callsFromTrunksOnlyReachOurNumbers() {
        RouteDecision in = route("12125550100", "carrier", "+442071110002");
        assertEquals(Outcome.USER, in.outcome());
        assertEquals("bob", in.destination());
        assertEquals(Outcome.TARGET, route("12125550100", "carrier", "+442071110009").outcome());
        assertEquals(404, route("12125550100", "carrier", "bob").status(), "a user name is no number");
        assertEquals(404, route("12125550100", "carrier", "+442079461234").status(), "never out again");
        RouteDecision gone = route("12125550100", "carrier", "+442071110010");
        assertEquals(404, gone.status());
        assertEquals("+442071110010", gone.did(), "our number, to a user that is no more");
    }

    @Test
    void policiesApplyInOrderAndOneThatMisbehavesIsPassedOver() {
        policies.add(new Router.Policy("adds", (r, d) -> d.withTrunks(List.of(new TrunkChoice("z", true, "usable")),
                "adds z")));
        policies.add(new Router.Policy("reverse", (r, d) -> d.withTrunks(List.of(d.trunks().get(1), d.trunks().get(0)),
                "reversed")));
        policies.add(new Router.Policy("fails", (r, d) -> {
            throw new IllegalStateException("boom");
        }));
        RouteDecision d = route("alice", null, "02079461234");
        assertEquals(List.of("b", "a"), d.trunks().stream().map(TrunkChoice::trunk).toList());
        List<String> why = d.reasons();
        assertTrue(why.contains("policy adds: added trunk z, which the route does not list, passed over"),
                why.toString());
        assertTrue(why.contains("reversed"), why.toString());
        assertTrue(why.get(why.size() - 1).startsWith("policy fails: failed"), why.toString());

        policies.add(0, new Router.Policy("block", (r, dd) -> dd.rejected(403, "policy block: premium numbers")));
        RouteDecision blocked = route("alice", null, "02079461234");
        assertEquals(403, blocked.status());
        assertEquals("policy block: premium numbers", blocked.reasons().get(blocked.reasons().size() - 1),
                "the policies after it are not asked");
        assertEquals(Outcome.USER, route("alice", null, "bob").outcome(), "calls to users never meet a policy");
    }

    @Test
    void classesOfServiceAndBlockedDestinations() {
        routes.add(new Route("world", 20, "+.", 0, null, null, null, null, null, List.of("b"), true));
        routes.add(new Route("emergency", 5, "999", 0, null, null, null, null, null, List.of("b"), true));
        calling = new CallingRules(new CallingPolicy(CallClass.NATIONAL, 4, 10), List.of("+4487"));

        RouteDecision national = route("alice", null, "02079461234");
        assertEquals(Outcome.TRUNKS, national.outcome());
        assertTrue(national.reasons().contains("class of service: alice may call national numbers; +442079461234 is "
                + "national (GB FIXED_LINE)"), national.reasons().toString());
        RouteDecision abroad = route("alice", null, "+14155550100");
        assertEquals(403, abroad.status());
        assertEquals("Class of service: alice may call national numbers; +14155550100 is international (US FIXED_LINE)",
                last(abroad));
        assertEquals(403, route("alice", null, "09098790000").status(), "premium rate");
        assertEquals(403, route(null, null, "+14155550100").status(), "the simulator without a caller: the defaults");

        callingPolicies.put("alice", new CallingPolicy(CallClass.INTERNATIONAL, null, null));
        assertEquals(Outcome.TRUNKS, route("alice", null, "+14155550100").outcome());
        RouteDecision premium = route("alice", null, "09098790000");
        assertEquals("Class of service: alice may call national and international numbers; +449098790000 is "
                + "premium-rate (GB PREMIUM_RATE)", last(premium));
        callingPolicies.put("alice", new CallingPolicy(CallClass.PREMIUM, null, null));
        assertEquals(Outcome.TRUNKS, route("alice", null, "09098790000").outcome());
        RouteDecision blocked = route("alice", null, "08712345678");
        assertEquals(403, blocked.status());
        assertEquals("Blocked destination: +448712345678 starts with +4487 (blockedDestinations)", last(blocked));

        callingPolicies.put("bob", new CallingPolicy(CallClass.INTERNAL, null, null));
        assertEquals("Class of service: bob may call other users and our numbers only; +442079461234 is national "
                + "(GB FIXED_LINE)", last(route("bob", null, "02079461234")));
        assertEquals(Outcome.USER, route("bob", null, "alice").outcome(), "users are always allowed");
        assertEquals(Outcome.USER, route("bob", null, "02071110002").outcome(), "and so are our numbers");
        RouteDecision emergency = route("bob", null, "999");
        assertEquals(Outcome.TRUNKS, emergency.outcome(), emergency.reasons().toString());
        assertTrue(emergency.reasons().contains("999 is an emergency call (999): never refused by class of service, "
                + "calling limits, channel limits or lockouts"), emergency.reasons().toString());
    }

    @Test
    void emergencyCallsTakeTheEmergencyRouteWhateverTheCallerMayCall() {
        routes.add(new Route("world", 20, "+.", 0, null, null, null, null, null, List.of("b"), true));
        callingPolicies.put("bob", new CallingPolicy(CallClass.INTERNAL, null, null));
        calling = new CallingRules(new CallingPolicy(CallClass.INTERNAL, 4, 10), List.of("+"));
        policies.add(new Router.Policy("block", (r, dd) -> dd.rejected(403, "policy block: everything")));

        RouteDecision none = route("bob", null, "999");
        assertEquals(Outcome.REJECTED, none.outcome(), "no emergency route, and no route of the table matches");
        assertTrue(none.reasons().contains("no enabled emergency route 'emergency': the route table decides"),
                none.reasons().toString());

        routes.add(new Route("emergency", 90, "0000", 0, null, null, null, null, null, List.of("a", "c"), true));
        for (String dialled : List.of("999", "9999")) {
            RouteDecision d = route("bob", null, dialled);
            assertEquals(Outcome.TRUNKS, d.outcome(), d.reasons().toString());
            assertEquals("emergency", d.route(), "the emergency route, though its pattern does not match");
            assertEquals("999", d.send(), "without the outside-line prefix");
            assertEquals(List.of(new TrunkChoice("a", false, "down since 2026-11-24T11:00:00Z"),
                    new TrunkChoice("c", true, "usable")), d.trunks(), "in order, for failover");
            assertEquals("emergency route emergency: sends 999 through a, c in order", last(d),
                    "no class of service, blocked destination or policy had a say");
        }
        RouteDecision sos = route("bob", null, "urn:service:sos.fire");
        assertEquals("112", sos.send(), "the service URN sends the country's number");

        RouteDecision test = route("bob", null, "933");
        assertEquals(404, test.status(), "no test service runs here");
        assertEquals("no emergency test service (emergency-test) is running", last(test));
        assertEquals(Outcome.REJECTED, route("bob", null, "99").outcome(), "a short number that is no emergency one");
    }

    @Test
    void theNumberThatLeavesOnTheTrunkIsJudgedNotTheDialledOne() {
        routes.add(new Route("world", 20, "+.", 0, null, null, null, null, null, List.of("b"), true));
        routes.add(new Route("raw", 30, "0.", 0, null, null, null, null, null, List.of("b"), true));
        routes.add(new Route("sneaky", 40, "7.", 1, "+1", null, null, null, null, List.of("b"), true));
        calling = new CallingRules(new CallingPolicy(CallClass.NATIONAL, 4, 10), List.of("+883"));
        users.put("dave", true);
        callingPolicies.put("dave", new CallingPolicy(CallClass.PREMIUM, null, null));
        callingPolicies.put("bob", new CallingPolicy(CallClass.INTERNATIONAL, null, null));

        RouteDecision unreadable = route("alice", null, "011882123456789#");
        assertEquals(403, unreadable.status(), unreadable.reasons().toString());
        assertEquals("Number sent 011882123456789# has no E.164 form: route raw sends such numbers for no class of "
                + "service (rawDialClass)", last(unreadable));
        assertEquals(403, route("dave", null, "011882123456789#").status(), "not even for premium callers");

        routes.set(routes.size() - 2, new Route("raw", 30, "0.", 0, null, null, null, null, null, List.of("b"), true,
                CallClass.PREMIUM));
        RouteDecision premiumRaw = route("dave", null, "011882123456789#");
        assertEquals(Outcome.TRUNKS, premiumRaw.outcome(), "the route lets premium out: " + premiumRaw.reasons());
        assertEquals("Number sent 011882123456789# has no E.164 form: route raw sends such numbers only for callers "
                + "who may call any number, premium rate included (rawDialClass)",
                last(route("bob", null, "011882123456789#")));
        assertEquals("Blocked destination: +883123456789 starts with +883 (blockedDestinations)",
                last(route("dave", null, "011883123456789#")), "the blocklist reads the digits of a raw string");

        RouteDecision rewritten = route("alice", null, "74155550100");
        assertEquals("Class of service: alice may call national numbers; +14155550100 is international (US FIXED_LINE)",
                last(rewritten), "the route's prepend makes it international: that is what the carrier bills");
        assertEquals("Class of service: bob may call national and international numbers; +882123456789 is of no known "
                + "kind (judged as premium rate)", last(route("bob", null, "+882123456789")));
    }

    private static String last(RouteDecision d) {
        return d.reasons().get(d.reasons().size() - 1);
    }

    private RouteDecision route(String caller, String trunk, String dialled) {
        return router.route(new RouteRequest(caller, trunk, dialled, Instant.parse("2026-11-24T12:00:00Z")));
    }

    private UserService userService() {
        return new UserService() {
            @Override
            public List<SipUser> users() {
                return List.of();
            }

            @Override
            public Optional<SipUser> user(String name) {
                return users.containsKey(name) ? Optional.of(new SipUser(name, null, users.get(name), null, null))
                        : Optional.empty();
            }

            @Override
            public SipUser save(SipUser user, String password) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public SipUser save(SipUser user, String password, CallingPolicy policy, long expectedVersion) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public boolean delete(String name) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public Optional<CallingPolicy> policy(String name) {
                return Optional.ofNullable(callingPolicies.get(name));
            }

            @Override
            public CallingPolicy savePolicy(String name, CallingPolicy policy) {
                throw new AssertionError("routing only reads provisioning");
            }
        };
    }

    private SipCredentials credentials() {
        return new SipCredentials() {
            @Override
            public Optional<Digest> digest(String user) {
                return Boolean.TRUE.equals(users.get(user)) ? Optional.of(new Digest("switchboard", "x", "y", null))
                        : Optional.empty();
            }

            @Override
            public Optional<String> trunkPassword(String trunk) {
                return Optional.empty();
            }
        };
    }

    private NumberService numberService() {
        return new NumberService() {
            @Override
            public List<PhoneNumber> numbers() {
                return List.of();
            }

            @Override
            public Optional<PhoneNumber> number(String number) {
                if (number.equals(NIGHT_LINE)) {
                    return Optional.of(new PhoneNumber(number, "600", null, null, List.of(), "night", "voicemail:bob"));
                }
                if (number.equals(NIGHT_ONLY)) {
                    return Optional.of(new PhoneNumber(number, "bob", null, null, List.of(), "night", null));
                }
                if (number.equals(QUARANTINED)) {
                    return Optional.of(new PhoneNumber(number, "bob", null, null, List.of(), null, null,
                            new NumberLifecycle(
                                    NumberState.QUARANTINED, null, null, null,
                                    LocalDate.parse("2027-01-01"))));
                }
                return Optional.ofNullable(numbers.get(number)).map(u -> new PhoneNumber(number, u, null, null,
                        List.of()));
            }

            @Override
            public Optional<String> problem(PhoneNumber number) {
                return Optional.empty();
            }

            @Override
            public void save(List<PhoneNumber> list) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public PhoneNumber save(PhoneNumber number, long expectedVersion) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public boolean delete(String number) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public Optional<String> numberOf(String user) {
                return Optional.empty();
            }
        };
    }

    private RouteService routeService() {
        return new RouteService() {
            @Override
            public List<Route> routes() {
                return routes;
            }

            @Override
            public Optional<Route> route(String name) {
                return Optional.empty();
            }

            @Override
            public Route save(Route route, String author) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public boolean delete(String name, String author) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public List<RouteVersion> versions() {
                return List.of();
            }

            @Override
            public Optional<List<Route>> routesAt(int version) {
                return Optional.empty();
            }

            @Override
            public RouteDiff diff(int from, int to) {
                throw new AssertionError("routing only reads provisioning");
            }

            @Override
            public RouteVersion rollback(int version, String author) {
                throw new AssertionError("routing only reads provisioning");
            }
        };
    }
}
