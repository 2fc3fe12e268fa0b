package io.switchboard.alert.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.Scope;
import io.switchboard.numbering.api.Normalization;
import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.queue.api.Queues;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.testcall.api.TestCallEvents;

/**
 * Hold time, cool-down and the built-in rules, fed as the switch feeds them (its events), with the
 * alerts they raise and end written down.
 */
class AlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final List<String> said = new ArrayList<>();
    private final Tracker tracker = new Tracker(new Tracker.Sink() {
        private long next = 1;

        @Override
        public long fire(AlertRule rule, String subject, String message, Double value, Double reference) {
            said.add("fire " + rule.name() + " " + subject + ": " + message);
            return next++;
        }

        @Override
        public void resolve(long id, String message) {
            said.add("resolve #" + id + ": " + message);
        }
    });

    @Test
    void aConditionMustHoldForTheHoldTimeAndTheRuleStaysQuietForTheCoolDown() {
        AlertRule rule = new AlertRule("asr-low", RuleKind.THRESHOLD, "asr", Scope.TRUNK, null, true, 40, 0, 15, 20,
                120, 600, "major", List.of(), true, Rules.API);
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0);
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(60));
        assertEquals(List.of(), said, "not yet held for 120 s");
        tracker.observe(rule, "carrier-a", false, 50.0, 40.0, "back", T0.plusSeconds(90));
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(100));
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(200));
        assertEquals(List.of(), said, "a break in the condition starts the hold again");
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(220));
        assertEquals(List.of("fire asr-low carrier-a: low"), said);
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(280));
        assertEquals(1, said.size(), "fires once while it lasts");
        tracker.observe(rule, "carrier-a", false, 50.0, 40.0, "back", T0.plusSeconds(300));
        assertEquals("resolve #1: back", said.get(1));
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(400));
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(800));
        assertEquals(2, said.size(), "quiet for the cool-down (600 s after 300)");
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(1100));
        assertEquals(2, said.size(), "after the cool-down (900) the hold starts again, at 1100");
        tracker.observe(rule, "carrier-a", true, 30.0, 40.0, "low", T0.plusSeconds(1220));
        assertEquals("fire asr-low carrier-a: low", said.get(2));
    }

    @Test
    void trunkDownFiresAtOnceAndResolvesWhenItIsUp() {
        EventRules rules = new EventRules(tracker, () -> null, () -> null, () -> null);
        List<AlertRule> all = Rules.DEFAULTS;
        rules.event(new Event(SipEvents.TRUNK_DOWN, Map.of(SipEvents.TRUNK, "carrier-b")), all, T0);
        assertEquals(List.of("fire trunk-down carrier-b: Trunk carrier-b is down: it stopped answering its probes or "
                + "refused the connection"), said);
        rules.tick(all, T0.plusSeconds(5));
        assertEquals(1, said.size(), "still down: no second alert");
        rules.event(new Event(SipEvents.TRUNK_UP, Map.of(SipEvents.TRUNK, "carrier-b")), all, T0.plusSeconds(30));
        assertEquals("resolve #1: Trunk carrier-b is up again", said.get(1));
    }

    @Test
    void aRegistrationStormIsMoreRegistrationsAndLockoutsAMinuteThanTheThreshold() {
        EventRules rules = new EventRules(tracker, () -> null, () -> null, () -> null);
        AlertRule storm = new AlertRule("registration-storm", RuleKind.REGISTRATION_STORM, null, Scope.ALL, null,
                false, 100, 0, 1, 0, 0, 0, "major", List.of(), true, Rules.API);
        for (int i = 0; i < 101; i++) {
            rules.event(new Event(i % 2 == 0 ? SipEvents.REGISTERED : SipEvents.LOCKED, Map.of()), List.of(storm),
                    T0.plusMillis(i * 300L));
        }
        rules.tick(List.of(storm), T0.plusSeconds(31));
        assertEquals(List.of("fire registration-storm : 101 registrations and lockouts in the last minute, more than "
                + "100"), said);
        rules.tick(List.of(storm), T0.plusSeconds(100));
        assertEquals("resolve #1: 0 registrations and lockouts in the last minute, within 100", said.get(1),
                "a minute later the storm is over");
    }

    @Test
    void tollFraudIsOneAccountsCallsAMinuteToCostlyNumbersThroughATrunk() {
        EventRules rules = new EventRules(tracker, () -> null, () -> null, () -> null);
        AlertRule fraud = new AlertRule("toll-fraud", RuleKind.TOLL_FRAUD, null, Scope.USER, null, false, 3, 0, 1, 0,
                0, 0, "critical", List.of(), true, Rules.API);
        for (int i = 0; i < 4; i++) {
            rules.event(call("alice", "+88213000" + i, "carrier-a"), List.of(fraud), T0.plusSeconds(i));
            rules.event(call("bob", "0207946000" + i, "carrier-a"), List.of(fraud), T0.plusSeconds(i));
            rules.event(call("carol", "+88213000" + i, null), List.of(fraud), T0.plusSeconds(i));
        }
        rules.tick(List.of(fraud), T0.plusSeconds(10));
        assertEquals(List.of("fire toll-fraud alice: Account alice placed 4 calls to international or premium numbers "
                + "in the last minute, more than 3: possible toll fraud"), said,
                "bob's national calls and carol's calls that used no trunk do not count");
        rules.tick(List.of(fraud), T0.plusSeconds(75));
        assertTrue(said.get(1).startsWith("resolve #1: Account alice placed 0 calls"), said.toString());
    }

    @Test
    void aTrunkFailsItsTestCallsFromTheSecondFailureInARowUntilOnePasses() {
        EventRules rules = new EventRules(tracker, () -> null, () -> null, () -> null);
        List<AlertRule> all = Rules.DEFAULTS;
        rules.event(testCall(TestCallEvents.FAILED, "carrier-a", "rejected", "refused with 503"), all, T0);
        assertEquals(List.of(), said, "one failure is not yet an alert");
        rules.event(testCall(TestCallEvents.PASSED, "carrier-a", "passed", "answered"), all, T0.plusSeconds(60));
        rules.event(testCall(TestCallEvents.FAILED, "carrier-a", "no-audio", "its tone did not come back"), all,
                T0.plusSeconds(120));
        assertEquals(List.of(), said, "a pass in between starts the count again");
        rules.event(testCall(TestCallEvents.FAILED, "carrier-a", "no-answer", "not answered within 30 s"), all,
                T0.plusSeconds(180));
        assertEquals(List.of("fire test-calls carrier-a: Trunk carrier-a fails its test calls: 2 in a row, the last "
                + "no-answer (not answered within 30 s)"), said);
        rules.event(testCall(TestCallEvents.FAILED, "carrier-a", "no-answer", "not answered within 30 s"), all,
                T0.plusSeconds(240));
        assertEquals(1, said.size(), "fires once while it fails");
        rules.event(testCall(TestCallEvents.PASSED, "carrier-a", "passed", "answered"), all, T0.plusSeconds(300));
        assertEquals("resolve #1: Trunk carrier-a passes its test calls again", said.get(1));
    }

    @Test
    void unsoundRulesAreRefusedNamingTheFault() {
        IllegalArgumentException kpi = assertThrows(IllegalArgumentException.class, () -> Rules.check(new AlertRule(
                "x", RuleKind.THRESHOLD, "speed", Scope.ALL, null, true, 1, 0, 15, 0, 0, 0, "major", List.of(), true,
                Rules.API)));
        assertTrue(kpi.getMessage().contains("kpi 'speed' is not one of"), kpi.getMessage());
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class, () -> Rules.check(new AlertRule(
                "x", RuleKind.BASELINE, "asr", Scope.ALL, null, true, 20, 4, 7, 0, 0, 0, "major", List.of(), true,
                Rules.API)));
        assertTrue(window.getMessage().contains("windowMinutes 7 must be a multiple of 5"), window.getMessage());
        IllegalArgumentException severity = assertThrows(IllegalArgumentException.class, () -> Rules.check(
                new AlertRule("x", RuleKind.TRUNK_DOWN, null, Scope.TRUNK, null, false, 0, 0, 0, 0, 0, 0, "urgent",
                        List.of(), true, Rules.API)));
        assertTrue(severity.getMessage().contains("severity 'urgent'"), severity.getMessage());
        IllegalArgumentException queueOnly = assertThrows(IllegalArgumentException.class, () -> Rules.check(
                new AlertRule("x", RuleKind.THRESHOLD, "serviceLevel", Scope.TRUNK, null, true, 80, 0, 30, 0, 0, 0,
                        "major", List.of(), true, Rules.API)));
        assertTrue(queueOnly.getMessage().contains("kpi 'serviceLevel' is a queue's"), queueOnly.getMessage());
        Rules.check(new AlertRule("sales-sl", RuleKind.THRESHOLD, "serviceLevel", Scope.QUEUE, "600", true, 80, 0, 30,
                5, 0, 0, "major", List.of(), true, Rules.API));
    }

    private static Event testCall(String topic, String trunk, String outcome, String reason) {
        return new Event(topic, Map.of(TestCallEvents.SCHEDULE, trunk + "-echo", TestCallEvents.TRUNK, trunk,
                TestCallEvents.NUMBER, "08005550100", TestCallEvents.OUTCOME, outcome, TestCallEvents.REASON, reason));
    }

    private static Event call(String caller, String callee, String trunkOut) {
        Map<String, Object> p = new HashMap<>(Map.of(SipEvents.CALLER, caller, SipEvents.CALLEE, callee));
        if (trunkOut != null) {
            p.put(SipEvents.TRUNK_OUT, trunkOut);
        }
        return new Event(SipEvents.CALL_STARTED, p);
    }

    /** An inventory as the provisioning service keeps it, for the number rules. */
    private static NumberService inventory(
            List<PhoneNumber> numbers) {
        return new NumberService() {
            @Override
            public List<PhoneNumber> numbers() {
                return numbers;
            }

            @Override
            public Optional<PhoneNumber> number(String number) {
                return numbers.stream().filter(n -> n.number().equals(number)).findFirst();
            }

            @Override
            public Optional<String> problem(PhoneNumber number) {
                return Optional.empty();
            }

            @Override
            public void save(List<PhoneNumber> n) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PhoneNumber save(PhoneNumber n, long expectedVersion) {
                throw new AssertionError("the alert rules only read the inventory");
            }

            @Override
            public boolean delete(String number) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> numberOf(String user) {
                return Optional.empty();
            }
        };
    }

    private static PhoneNumber number(String e164,
            NumberState state, LocalDate port, LocalDate release) {
        return new PhoneNumber(e164, null, null, null, List.of(), null, null,
                new NumberLifecycle(state, "carrier-a", null, port, release));
    }

    @Test
    void aPortInPastItsDateAndAQuarantinedNumberStillCalledFireOnTheClocksDay() {
        List<PhoneNumber> numbers = new ArrayList<>(List.of(
                number("+15125550101", NumberState.PORTING_IN,
                        LocalDate.parse("2026-11-24"), null),
                number("+15125550102", NumberState.QUARANTINED, null,
                        LocalDate.parse("2027-02-01"))));
        // the carrier sends the number as it likes: the numbering service makes it E.164
        NumberNormalization plan = new NumberNormalization() {
            @Override
            public Normalization normalize(String dialled, String countryCode) {
                return new Normalization(dialled, "+" + dialled.replace("+", ""), "test");
            }

            @Override
            public NumberInfo describe(String dialled, String countryCode) {
                throw new UnsupportedOperationException();
            }
        };
        EventRules rules = new EventRules(tracker, () -> plan, () -> inventory(numbers), () -> null);
        List<AlertRule> all = Rules.DEFAULTS;
        rules.tick(all, T0);
        assertEquals(List.of(), said, "on its firm order commitment date the port may still happen");
        rules.tick(all, T0.plusSeconds(86_400));
        assertEquals(List.of("fire porting-overdue +15125550101: Number +15125550101 was to port in on 2026-11-24 "
                + "from carrier-a and is still not active"), said);
        numbers.set(0, number("+15125550101", NumberState.ACTIVE, null, null));
        rules.tick(all, T0.plusSeconds(86_460));
        assertEquals("resolve #1: Number +15125550101 is no longer waiting to port in", said.get(1));

        for (int i = 0; i < 11; i++) {
            rules.event(call(SipEvents.CALL_ENDED, i % 2 == 0 ? "+15125550102" : "15125550102", 404), all,
                    T0.plusSeconds(86_500 + i));
        }
        rules.event(call(SipEvents.CALL_ENDED, "+15125550103", 404), all, T0.plusSeconds(86_520));
        rules.tick(all, T0.plusSeconds(86_600));
        assertEquals("fire quarantine-calls +15125550102: Quarantined number +15125550102 got 11 calls in the last "
                + "24 hours, more than 10: its old callers still use it", said.get(2));
        rules.tick(all, T0.plusSeconds(86_500 + 86_400 + 5));
        assertEquals("resolve #2: Quarantined number +15125550102 got 6 calls in the last 24 hours", said.get(3),
                "a day later the first calls no longer count");
    }

    @Test
    void aQueuesServiceLevelBelowTargetAndALongLineFireAfterTheirHold() {
        Map<String, QueueStatus> now = new HashMap<>();
        now.put("600", status("600", 12, 10, 6, 2));
        now.put("601", status("601", 0, 4, 1, 1));
        Queues queues = (Queues) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Queues.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "queues" -> now.keySet().stream().sorted().map(n -> new CallQueue(n, null, List.of("a"),
                            false, 15, 0, 600, 20, null, 0, false, null, 1)).toList();
                    case "status" -> now.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        EventRules rules = new EventRules(tracker, () -> null, () -> null, () -> queues);
        rules.tick(Rules.DEFAULTS, T0);
        rules.tick(Rules.DEFAULTS, T0.plusSeconds(60));
        assertEquals(List.of("fire queue-waiting 600: Queue 600: 12 callers waiting, the longest 90 s, more than 10"),
                said, "the line held 60 s; the service level holds 300 s; 601 has too few calls to judge");
        rules.tick(Rules.DEFAULTS, T0.plusSeconds(300));
        assertEquals("fire queue-service-level 600: Queue 600: service level 50 % today (answered within 20 s: 6 of "
                + "12), below 80 %", said.get(1));
        now.put("600", status("600", 2, 12, 12, 0));
        rules.tick(Rules.DEFAULTS, T0.plusSeconds(360));
        assertEquals(List.of("resolve #2: Queue 600: service level 100 % today (answered within 20 s: 12 of 12)",
                "resolve #1: Queue 600: 2 callers waiting, the longest 90 s"), said.subList(2, 4));
        assertEquals(4, said.size(), "601 never judged: " + said);
    }

    private static QueueStatus status(String queue, int waiting, int answered, int inTarget, int abandoned) {
        int base = answered + abandoned;
        return new QueueStatus(queue, waiting, 0, 90, List.of(), base, answered, abandoned, 0, inTarget, 0, 20,
                base == 0 ? -1 : 100.0 * inTarget / base);
    }

    @Test
    void anEmergencyCallFiresAtOnceAndResolvesAsItEnds() {
        EventRules rules = new EventRules(tracker, () -> null, () -> null, () -> null);
        Map<String, Object> p = new HashMap<>();
        p.put(SipEvents.CALL_ID, "c1");
        p.put(SipEvents.CALLER_USER, "alice");
        p.put(SipEvents.EMERGENCY, "911");
        p.put(SipEvents.EMERGENCY_CALLBACK, "+15125550199");
        p.put(SipEvents.EMERGENCY_LOCATION, "100 Main St, Austin, TX, US");
        rules.event(new Event(SipEvents.CALL_STARTED, p), Rules.DEFAULTS, T0);
        assertEquals(List.of("fire emergency-call c1: Emergency call to 911 from alice (callback +15125550199) at "
                + "2026-11-24T10:00:00Z: location sent: 100 Main St, Austin, TX, US"), said);
        p.put(SipEvents.DISPOSITION, "ANSWERED");
        rules.event(new Event(SipEvents.CALL_ENDED, p), Rules.DEFAULTS, T0.plusSeconds(90));
        assertEquals("resolve #1: Emergency call to 911 from alice ended (ANSWERED)", said.get(1));
    }

    /** A call from a trunk to a number, ended with a SIP status. */
    private static Event call(String topic, String callee, int status) {
        Map<String, Object> p = new HashMap<>();
        p.put(SipEvents.CALL_ID, callee + status);
        p.put(SipEvents.CALLEE, callee);
        p.put(SipEvents.TRUNK_IN, "carrier-a");
        p.put(SipEvents.SIP_CODE, status);
        return new Event(topic, p);
    }
}
