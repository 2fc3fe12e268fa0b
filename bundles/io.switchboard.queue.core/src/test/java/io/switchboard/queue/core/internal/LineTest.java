package io.switchboard.queue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.CallControl;

/** A scripted day of a queue, on a clock the test moves: its figures against those counted by hand. */
class LineTest {

    /** The switch as the queue sees it: what it was asked, in order. */
    static final class Calls implements CallControl {
        final List<String> asked = new ArrayList<>();
        /** Users whose ring the switch refuses. */
        final Set<String> refuse = new HashSet<>();

        @Override
        public List<ActiveCall> activeCalls() {
            return List.of();
        }

        @Override
        public boolean hangUp(String id) {
            asked.add("hangUp " + id);
            return true;
        }

        @Override
        public boolean transfer(String id, String target) {
            return false;
        }

        @Override
        public String redirect(String id, String destination) {
            asked.add("redirect " + id + " " + destination);
            return null;
        }

        @Override
        public String ring(String id, String user, int seconds) {
            asked.add("ring " + id + " " + user);
            return refuse.contains(user) ? "No user " + user : null;
        }

        @Override
        public String ring(String id, List<String> users, int seconds) {
            asked.add("ring " + id + " " + String.join("+", users));
            return users.stream().anyMatch(refuse::contains) ? "Call " + id + " is not answered by a call target"
                    : null;
        }

        @Override
        public String ringNumber(String id, String number, int seconds) {
            asked.add("ringNumber " + id + " " + number);
            return null;
        }

        @Override
        public boolean tag(String id, String name, String value) {
            asked.add("tag " + id + " " + name + "=" + value);
            return true;
        }

        @Override
        public String connect(String user, String number, String name) {
            asked.add("connect " + user + " " + number);
            return "cb-" + number;
        }

        @Override
        public String refusal(String user, String number) {
            return null;
        }

        String last() {
            return asked.get(asked.size() - 1);
        }
    }

    /** A clock the test sets. */
    static final class Hands extends Clock {
        Instant now;

        Hands(String at) {
            now = Instant.parse(at);
        }

        void at(String time) {
            now = Instant.parse("2026-11-30T" + time + "Z");
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Calls calls = new Calls();
    private final Hands clock = new Hands("2026-11-30T09:00:00Z");
    private final List<String> events = new ArrayList<>();

    private Line line(CallQueue.Strategy strategy, List<String> members, String overflow) {
        CallQueue q = new CallQueue("600", strategy, members, true, 15, 10, 120, 3, overflow, 0, true, null, 1);
        Line l = new Line(q, calls, new Line.Figures(20, 5, 5), clock, (topic, p) -> events.add(topic
                .substring(topic.lastIndexOf('/') + 1) + " " + p.getOrDefault("outcome", p.get("state"))));
        l.present(List.of());
        return l;
    }

    private Waiting caller(String id) {
        return new Waiting(id, "+1212555" + id, clock.instant());
    }

    @Test
    void aScriptedDayGivesTheFiguresCountedByHand() {
        Line l = line(CallQueue.Strategy.LONGEST_IDLE, List.of("alice", "bob"), "voicemail:alice");
        l.join(caller("c1"));
        assertEquals("ring c1 alice", calls.last(), "nobody had a call: the first agent in order");
        clock.at("09:00:05");
        l.answered("c1"); // waited 5 s: within the 20 s of the service level
        clock.at("09:00:10");
        l.join(caller("c2"));
        assertEquals("ring c2 bob", calls.last(), "alice is on c1");
        clock.at("09:00:25");
        l.missed("c2", 480);
        l.present(List.of(new AgentTable.Login("600", "bob", true, "coffee", clock.instant())));
        clock.at("09:01:00");
        l.callEnded("c1"); // alice talked 55 s, then wraps up 10 s
        assertEquals(AgentState.State.WRAP_UP, state(l, "alice"));
        assertEquals(AgentState.State.PAUSED, state(l, "bob"));
        clock.at("09:01:09");
        l.tick();
        assertEquals("ring c2 bob", calls.last(), "alice wraps up until 09:01:10, bob pauses: nobody rings");
        clock.at("09:01:10");
        l.tick();
        assertEquals("ring c2 alice", calls.last());
        clock.at("09:01:12");
        l.answered("c2"); // waited 62 s: outside the service level
        clock.at("09:02:00");
        l.present(List.of());
        l.join(caller("c3"));
        assertEquals("ring c3 bob", calls.last(), "bob is back, alice is on c2");
        clock.at("09:02:03");
        l.abandoned("c3"); // 3 s: a short abandon
        assertEquals(AgentState.State.READY, state(l, "bob"), "a caller who left frees the agent at once");
        clock.at("09:03:00");
        l.join(caller("c4"));
        assertEquals("ring c4 bob", calls.last());
        clock.at("09:03:30");
        l.abandoned("c4"); // 30 s: abandoned
        clock.at("09:04:00");
        l.present(List.of(new AgentTable.Login("600", "bob", true, "lunch", clock.instant())));
        l.join(caller("c5"));
        assertEquals(1, l.status().waiting(), "alice is on c2, bob at lunch: c5 waits");
        clock.at("09:05:59");
        l.tick();
        assertEquals("ring c4 bob", calls.last());
        clock.at("09:06:00");
        l.tick();
        assertEquals("redirect c5 voicemail:alice", calls.last(), "after 120 s, the overflow");

        QueueStatus s = l.status();
        assertEquals(5, s.offeredToday());
        assertEquals(2, s.answeredToday());
        assertEquals(1, s.answeredInTargetToday());
        assertEquals(1, s.abandonedToday());
        assertEquals(1, s.shortAbandonedToday());
        assertEquals(1, s.overflowedToday());
        assertEquals(100.0 / 3, s.serviceLevel(), 1e-9, "1 in target of 2 answered and 1 abandoned");
        assertEquals(0, s.waiting());
        assertEquals(AgentState.State.BUSY, state(l, "alice"));
        AgentState bob = s.agents().stream().filter(a -> a.agent().equals("bob")).findFirst().orElseThrow();
        assertEquals(AgentState.State.PAUSED, bob.state());
        assertEquals("lunch", bob.reason());
        assertEquals(List.of("CALLER_JOINED null", "AGENT_STATE BUSY", "CALLER_LEFT answered"), events.subList(0, 3));
    }

    @Test
    void ringAllRingsEveryFreeAgentAndTheOneWhoAnswersTakesTheCaller() {
        Line l = line(CallQueue.Strategy.RING_ALL, List.of("alice", "bob", "carol"), null);
        l.present(List.of(new AgentTable.Login("600", "carol", true, "lunch", clock.instant())));
        l.join(caller("c1"));
        assertEquals("ring c1 alice+bob", calls.last(), "every free agent at once, carol at lunch");
        l.join(caller("c2"));
        assertEquals("ring c1 alice+bob", calls.last(), "nobody is free for the second caller");
        assertEquals(AgentState.State.RINGING, state(l, "bob"));
        clock.at("09:00:15");
        l.missed("c1", 480);
        assertEquals(AgentState.State.READY, state(l, "alice"), "nobody answered: both rest");
        clock.at("09:00:20");
        l.tick();
        assertEquals("ring c1 alice+bob", calls.last(), "after their rest, both ring again for the first in line");
        Waiting first = l.find("c1");
        first.answeredBy = "bob";
        l.answered("c1");
        assertEquals(AgentState.State.BUSY, state(l, "bob"), "bob's phone answered");
        assertEquals("ring c2 alice", calls.last(), "alice, beaten to it, is free at once for the next caller");
        first = l.find("c2");
        first.answeredBy = "alice";
        l.answered("c2");
        assertEquals(AgentState.State.BUSY, state(l, "alice"));
        assertEquals(2, l.status().answeredToday());
        l.callEnded("c1");
        assertEquals(AgentState.State.WRAP_UP, state(l, "bob"));
    }

    @Test
    void anOutsideAgentRingsThroughTheTrunksAloneAndTakesNoCallback() {
        CallQueue q = new CallQueue("600", CallQueue.Strategy.RING_ALL, List.of("alice", "+15550100"), true, 15, 10,
                120, 5, null, 0, true, null, 1);
        Line l = new Line(q, calls, new Line.Figures(20, 5, 5), clock, (topic, p) -> { });
        l.outside(agent -> agent.startsWith("+"));
        l.present(List.of());
        l.join(caller("c1"));
        assertEquals("ring c1 alice", calls.last(), "phones ring together; the number waits while a phone is free");
        l.join(caller("c2"));
        assertEquals("ringNumber c2 +15550100", calls.last(), "alice rings: the number alone, through the trunks");
        assertEquals(AgentState.State.RINGING, state(l, "+15550100"));
        l.find("c2").answeredBy = null; // an outside number is no user: the queue knows whom it rang
        l.answered("c2");
        assertEquals(AgentState.State.BUSY, state(l, "+15550100"));
        l.join(caller("c3"));
        l.callbackChosen("c3");
        l.abandoned("c3");
        clock.at("09:01:00");
        l.callEnded("c2");
        clock.at("09:01:10");
        l.tick();
        assertEquals(AgentState.State.READY, state(l, "+15550100"), "its wrap-up is over");
        assertEquals(1, l.status().callbacks(), "a callback calls an agent's phone first: the number has none");
        assertTrue(calls.asked.stream().noneMatch(a -> a.startsWith("connect")), calls.asked.toString());
        l.missed("c1", 480);
        clock.at("09:01:20");
        l.tick();
        assertEquals("connect alice +1212555c3", calls.last(), "the callback was first in line, for alice");
    }

    @Test
    void aRingIsSentOffTheLinesThreadAndARefusalComesBackToIt() {
        List<Runnable> sender = new ArrayList<>();
        List<Runnable> back = new ArrayList<>();
        CallQueue q = new CallQueue("600", CallQueue.Strategy.LONGEST_IDLE, List.of("alice", "bob"), true, 15, 10,
                120, 5, null, 0, true, null, 1);
        Line l = new Line(q, calls, new Line.Figures(20, 5, 5), clock, (topic, p) -> { }, sender::add, back::add);
        l.present(List.of());
        calls.refuse.add("alice");
        l.join(caller("c1"));
        l.join(caller("c2"));
        assertEquals(AgentState.State.RINGING, state(l, "alice"), "decided before anything is sent");
        assertEquals(AgentState.State.RINGING, state(l, "bob"));
        assertTrue(calls.asked.stream().noneMatch(a -> a.startsWith("ring")), "no INVITE on the line's thread");
        drain(sender);
        assertEquals(List.of("ring c1 alice", "ring c2 bob"), calls.asked.stream().filter(a -> a.startsWith("ring"))
                .toList());
        assertEquals(AgentState.State.RINGING, state(l, "alice"), "the refusal is the line's to take, on its thread");
        drain(back);
        assertEquals(AgentState.State.READY, state(l, "alice"), "refused: alice rests");
        assertNull(l.find("c1").ringing(), "c1 waits on, first in line");
        assertEquals(AgentState.State.RINGING, state(l, "bob"), "bob's ring for c2 stands");
        calls.refuse.clear();
        clock.at("09:00:05");
        l.tick();
        drain(sender);
        assertEquals("ring c1 alice", calls.last(), "after her rest, alice rings for c1 again");
        assertTrue(back.isEmpty(), "nothing refused");
    }

    @Test
    void aRingTheSwitchKeepsRefusingIsTriedOnceATickNotAtOnce() {
        List<Runnable> sender = new ArrayList<>();
        List<Runnable> back = new ArrayList<>();
        CallQueue q = new CallQueue("600", CallQueue.Strategy.RING_ALL, List.of("alice", "bob"), true, 15, 10, 120, 5,
                null, 0, true, null, 1);
        Line l = new Line(q, calls, new Line.Figures(20, 5, 5), clock, (topic, p) -> { }, sender::add, back::add);
        l.present(List.of());
        calls.refuse.add("alice");
        l.join(caller("c1"));
        drain(sender);
        drain(back);
        assertTrue(sender.isEmpty(), "refused: not rung again at once");
        assertEquals(AgentState.State.READY, state(l, "alice"), "a refused ring of all leaves the agents free");
        clock.at("09:00:01");
        l.tick();
        assertEquals(1, sender.size(), "the next tick tries again");
        assertEquals(1, calls.asked.stream().filter(a -> a.startsWith("ring")).count());
    }

    private static void drain(List<Runnable> tasks) {
        List<Runnable> now = List.copyOf(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aFullLineAndAnEmptyQueueSendCallersToTheOverflow() {
        Line l = line(CallQueue.Strategy.LONGEST_IDLE, List.of(), null);
        l.join(caller("c1"));
        assertEquals("tag c1 queueOutcome=overflowed", calls.last(), "nobody logged in, and no overflow is set");
        l.present(List.of(new AgentTable.Login("600", "carol", true, "meeting", clock.instant())));
        for (String c : List.of("c2", "c3", "c4", "c5")) {
            l.join(caller(c));
        }
        assertEquals(3, l.status().waiting(), "three may wait");
        assertEquals("tag c5 queueOutcome=overflowed", calls.last());
        assertEquals(2, l.status().overflowedToday());
    }

    @Test
    void aCallerWhoChoseACallbackKeepsTheirPlaceAndIsCalledWhenAnAgentIsFree() {
        Line l = line(CallQueue.Strategy.LONGEST_IDLE, List.of(), null);
        l.present(List.of(new AgentTable.Login("600", "carol", true, null, clock.instant())));
        l.join(caller("c1"));
        l.join(caller("c2"));
        l.callbackChosen("c1");
        assertEquals("tag c1 queueOutcome=callback", calls.last());
        l.abandoned("c1"); // the switch's hang-up after the goodbye: the place stays
        assertEquals(1, l.status().callbacks());
        assertEquals(1, l.status().waiting());
        l.present(List.of(new AgentTable.Login("600", "carol", false, null, clock.instant())));
        assertEquals("connect carol +1212555c1", calls.last(), "the callback was first in line");
        l.callAnswered("cb-+1212555c1");
        assertEquals(0, l.status().callbacks());
        assertEquals(AgentState.State.BUSY, state(l, "carol"));
        assertEquals(1, l.status().answeredToday());
    }

    @Test
    void theStrategiesPickTheirAgent() {
        Picker p = new Picker();
        Instant now = clock.instant();
        Agent a = agent("a", now.minusSeconds(30), 4);
        Agent b = agent("b", now.minusSeconds(90), 7);
        Agent c = agent("c", now.minusSeconds(60), 2);
        List<Agent> all = List.of(a, b, c);
        assertEquals("b", p.pick(CallQueue.Strategy.LONGEST_IDLE, all, now).user);
        assertEquals("c", p.pick(CallQueue.Strategy.FEWEST_CALLS, all, now).user);
        p.rang("b");
        assertEquals("c", p.pick(CallQueue.Strategy.ROUND_ROBIN, all, now).user);
        p.rang("c");
        assertEquals("a", p.pick(CallQueue.Strategy.ROUND_ROBIN, all, now).user, "round again");
        a.paused = true;
        b.restUntil = now.plusSeconds(1);
        c.state = AgentState.State.WRAP_UP;
        assertNull(p.pick(CallQueue.Strategy.LONGEST_IDLE, all, now), "paused, resting, wrapping up");
        assertTrue(all.stream().noneMatch(x -> x.free(now)));
    }

    @Test
    void aQueueThatNeedsASkillRingsTheMostSkilledAndNeverWhoLacksIt() {
        CallQueue q = new CallQueue("601", CallQueue.Strategy.SKILL, List.of("ann", "ben", "cat"), true, 15, 10, 120,
                3, "voicemail:ann", 0, false, "french", null, 1);
        Line l = new Line(q, calls, new Line.Figures(20, 5, 5), clock, (topic, p) -> { });
        Map<String, Integer> french = Map.of("ann", 3, "ben", 7);
        l.levels(user -> french.getOrDefault(user, 0));
        l.present(List.of());
        l.join(caller("s1"));
        assertEquals("ring s1 ben", calls.last(), "ben speaks French best");
        l.join(caller("s2"));
        assertEquals("ring s2 ann", calls.last(), "ben is ringing: ann has the skill too");
        l.join(caller("s3"));
        assertEquals("ring s2 ann", calls.last(), "cat lacks the skill: s3 waits, though cat is free");
        assertEquals(AgentState.State.READY, state(l, "cat"));
    }

    @Test
    void theSkillStrategyGoesByLevelThenLongestIdle() {
        Picker p = new Picker();
        Instant now = clock.instant();
        Agent a = agent("a", now.minusSeconds(30), 0);
        Agent b = agent("b", now.minusSeconds(90), 0);
        Agent c = agent("c", now.minusSeconds(200), 0);
        a.level = 5;
        b.level = 5;
        c.level = 2;
        assertEquals("b", p.pick(CallQueue.Strategy.SKILL, List.of(a, b, c), now).user, "equal levels: longest idle");
        b.able = false;
        assertEquals("a", p.pick(CallQueue.Strategy.SKILL, List.of(a, b, c), now).user);
    }

    private static Agent agent(String user, Instant lastEnd, int calls) {
        Agent a = new Agent(user, lastEnd);
        a.present = true;
        a.lastEnd = lastEnd;
        a.callsToday = calls;
        return a;
    }

    private static AgentState.State state(Line l, String agent) {
        return l.status().agents().stream().filter(a -> a.agent().equals(agent)).findFirst().orElseThrow().state();
    }
}
