package io.switchboard.groups.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.hunting.HuntStep;

/** Each strategy's order of ringing, as a plan for the switch: a pure function of the group and its state. */
final class Plans {

    private Plans() {
    }

    /**
     * @param next round robin: the member rung first (taken modulo the members)
     * @param idle when each user's last answered call ended; a user without one has been idle longest
     * @param isUser whether a member is a user (else a number, which rings on a step of its own)
     */
    static HuntPlan plan(Group g, int next, Map<String, Instant> idle, Predicate<String> isUser) {
        List<Group.Member> order = new ArrayList<>(g.members());
        switch (g.strategy()) {
            case ROUND_ROBIN -> {
                if (!order.isEmpty()) {
                    int first = Math.floorMod(next, order.size());
                    order = new ArrayList<>(order.subList(first, order.size()));
                    order.addAll(g.members().subList(0, first));
                }
            }
            case LONGEST_IDLE -> order.sort(Comparator.comparing((Group.Member m) -> idle.get(m.member()),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            default -> {
            }
        }
        List<HuntStep> steps = new ArrayList<>();
        if (g.strategy() == Group.Strategy.RING_ALL) {
            List<String> users = order.stream().map(Group.Member::member).filter(isUser).toList();
            if (!users.isEmpty()) {
                steps.add(new HuntStep(users, g.ringSeconds()));
            }
            order.removeIf(m -> isUser.test(m.member()));
        }
        for (Group.Member m : order) {
            steps.add(new HuntStep(List.of(m.member()), m.seconds() > 0 ? m.seconds() : g.ringSeconds()));
        }
        return new HuntPlan(g.name(), steps, g.noAnswer());
    }
}
