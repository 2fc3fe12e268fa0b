package io.switchboard.groups.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.hunting.HuntStep;

class PlansTest {

    private static final List<Group.Member> MEMBERS = List.of(new Group.Member("bob", 0), new Group.Member("carol", 8),
            new Group.Member("+447700900123", 0), new Group.Member("dave", 0));

    private static Group group(Group.Strategy s) {
        return new Group("sales", "600", s, 15, MEMBERS, "voicemail:bob");
    }

    private static boolean isUser(String m) {
        return !m.startsWith("+");
    }

    @Test
    void ringAllRingsTheUsersTogetherThenEachNumberOnItsOwn() {
        HuntPlan p = Plans.plan(group(Group.Strategy.RING_ALL), 0, Map.of(), PlansTest::isUser);
        assertEquals(List.of(new HuntStep(List.of("bob", "carol", "dave"), 15),
                new HuntStep(List.of("+447700900123"), 15)), p.steps());
        assertEquals("voicemail:bob", p.noAnswer());
        assertEquals("sales", p.group());
    }

    @Test
    void inOrderRingsEachMemberForItsOwnTime() {
        HuntPlan p = Plans.plan(group(Group.Strategy.IN_ORDER), 0, Map.of(), PlansTest::isUser);
        assertEquals(List.of("bob:15", "carol:8", "+447700900123:15", "dave:15"), steps(p));
    }

    @Test
    void roundRobinStartsAfterWhoTookTheLastCall() {
        assertEquals(List.of("+447700900123:15", "dave:15", "bob:15", "carol:8"),
                steps(Plans.plan(group(Group.Strategy.ROUND_ROBIN), 2, Map.of(), PlansTest::isUser)));
        assertEquals(List.of("bob:15", "carol:8", "+447700900123:15", "dave:15"),
                steps(Plans.plan(group(Group.Strategy.ROUND_ROBIN), 4, Map.of(), PlansTest::isUser)), "wraps");
    }

    @Test
    void longestIdleRingsWhoseLastCallEndedLongestAgoFirst() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        HuntPlan p = Plans.plan(group(Group.Strategy.LONGEST_IDLE), 0, Map.of("bob", t.plusSeconds(60), "carol", t,
                "dave", t.plusSeconds(30)), PlansTest::isUser);
        assertEquals(List.of("+447700900123:15", "carol:8", "dave:15", "bob:15"), steps(p),
                "never in a call first, then the longest idle");
    }

    @Test
    void badGroupsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Group("sales", "600", Group.Strategy.RING_ALL,
                2, MEMBERS, null)).getMessage().startsWith("ringSeconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Group.Strategy.of("random")).getMessage()
                .startsWith("strategy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Group("sales", "600", Group.Strategy.RING_ALL,
                20, List.of(), null)).getMessage().startsWith("members"));
        assertEquals(Group.Strategy.ROUND_ROBIN, Group.Strategy.of("round-robin"));
    }

    private static List<String> steps(HuntPlan p) {
        return p.steps().stream().map(s -> String.join(",", s.members()) + ":" + s.seconds()).toList();
    }
}
