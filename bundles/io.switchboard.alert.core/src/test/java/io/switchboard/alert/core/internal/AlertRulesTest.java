package io.switchboard.alert.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.Scope;
import io.switchboard.sip.api.SipEvents;
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
        EventRules rules = new EventRules(tracker, () -> null);
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
        EventRules rules = new EventRules(tracker, () -> null);
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
        EventRules rules = new EventRules(tracker, () -> null);
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
        EventRules rules = new EventRules(tracker, () -> null);
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
    }

    private static Event testCall(String topic, String trunk, String outcome, String reason) {
        return new Event(topic, Map.of(TestCallEvents.SCHEDULE, trunk + "-echo", TestCallEvents.TRUNK, trunk,
                TestCallEvents.NUMBER, "08005550100", TestCallEvents.OUTCOME, outcome, TestCallEvents.REASON, reason));
    }

    private static Event call(String caller, String callee, String trunkOut) {
        Map<String, Object> p = new java.util.HashMap<>(Map.of(SipEvents.CALLER, caller, SipEvents.CALLEE, callee));
        if (trunkOut != null) {
            p.put(SipEvents.TRUNK_OUT, trunkOut);
        }
        return new Event(SipEvents.CALL_STARTED, p);
    }
}
