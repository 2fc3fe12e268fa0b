package io.switchboard.sip.core.internal.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetPath;
import io.switchboard.sip.api.forwarding.ForwardReason;
import io.switchboard.sip.api.forwarding.ForwardingRules;
import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.hunting.HuntStep;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.core.internal.registrar.SipStore;

/**
 * A call's whole path before it rings, as a tree the route simulator shows: the routing decision,
 * then the user's phones and where the call goes when they are busy, do not answer or cannot be
 * reached (their forwards, voicemail), a ring group's steps with each member's state, and each
 * forward's own path. It reads the rules, plans and registrations the calls read, and decides each
 * forward with the calls' own {@link ForwardStep}; what it cannot know (who answers) is a branch.
 */
final class CallPaths extends CallPart {

    private final CallForward forward;
    private final CallHunt hunt;

    CallPaths(CallPart shared, CallForward forward, CallHunt hunt) {
        super(shared);
        this.forward = forward;
        this.hunt = hunt;
    }

    /** @return the path from a routing decision on: {"step", then "rings", "members", "then": [{"when", ...}]} */
    Map<String, Object> path(RouteDecision d, Instant when) {
        return walk(d, when, new ArrayList<>(), 0, 0);
    }

    private Map<String, Object> walk(RouteDecision d, Instant when, List<String> reached, int followed, int groups) {
        Map<String, Object> node = new LinkedHashMap<>();
        switch (d.outcome()) {
            case USER -> user(node, d.destination(), when, reached, followed, groups);
            case TARGET -> {
                Optional<HuntPlan> plan = hunt.plan(d.destination(), when);
                if (d.destination().startsWith(CallHunt.MAILBOX)) {
                    node.put("step", "to " + d.destination().substring(CallHunt.MAILBOX.length()) + "'s voicemail");
                } else if (plan.isPresent()) {
                    group(node, plan.get(), when, reached, followed, groups + 1);
                } else {
                    target(node, d.destination(), when, reached, followed, groups);
                }
            }
            case TRUNKS -> node.put("step", d.hasUsableTrunk() ? "out through route " + d.route() + " as " + d.send()
                    + ", trunks " + d.trunks().stream().filter(t -> t.usable()).map(t -> t.trunk()).toList()
                    : "refused 503: no trunk available on route " + d.route());
            case REJECTED -> node.put("step", "refused " + d.status() + ": " + last(d));
        }
        return node;
    }

    private void user(Map<String, Object> node, String user, Instant when, List<String> reached, int followed,
            int groups) {
        List<String> path = new ArrayList<>(reached);
        path.add(user);
        ForwardingRules rules = forward.rulesOf(user, when);
        if (rules.always() != null) {
            node.put("step", user + " forwards every call" + (rules.schedule() == null ? ""
                    : " (outside schedule " + rules.schedule() + ")"));
            node.put("then", List.of(branch(ForwardReason.UNCONDITIONAL, user, rules.always(), when, path, followed,
                    groups)));
            return;
        }
        List<SipStore.Binding> phones = store.bindings(user, when);
        int seconds = rules.noAnswer() != null && rules.noAnswerSeconds() > 0 ? rules.noAnswerSeconds()
                : limits.ringTimeoutSeconds();
        node.put("step", user + "'s phones ring");
        boolean inCall = inCall(user);
        node.put("rings", phones.isEmpty() ? "no phone registered now" : !rules.callWaiting() && inCall
                ? "none: " + user + " is in a call and has call waiting off, so is busy"
                : phones.size() + " phone(s) for " + seconds + " s" + (inCall ? "; " + user + " is in a call now" : ""));
        List<Map<String, Object>> then = new ArrayList<>();
        for (ForwardReason why : new ForwardReason[] { ForwardReason.BUSY, ForwardReason.NO_ANSWER,
                ForwardReason.UNAVAILABLE }) {
            String to = rules.destination(why);
            then.add(to != null ? branch(why, user, to, when, path, followed, groups) : unforwarded(why, user));
        }
        node.put("then", then);
    }

    /** A failure the user does not forward: its mailbox takes it when there is one, else the caller hears it. */
    private Map<String, Object> unforwarded(ForwardReason why, String user) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("when", why.diversion());
        int heard = why == ForwardReason.BUSY ? 486 : 480;
        b.put("step", provisioning.targets().apply(CallDivert.VOICEMAIL).isPresent()
                ? "to " + user + "'s voicemail when the mailbox is on, else the caller hears " + heard
                : "the caller hears " + heard);
        return b;
    }

    private Map<String, Object> branch(ForwardReason why, String from, String to, Instant when, List<String> reached,
            int followed, int groups) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("when", why.diversion());
        b.put("forward", from + " -> " + to);
        ForwardStep step = ForwardStep.decide(from, to, followed, forward.maxHops(), reached::contains,
                provisioning.routing(), when);
        switch (step.kind()) {
            case VOICEMAIL -> b.put("step", "to " + from + "'s voicemail");
            case NOT_FOLLOWED -> b.put("step", step.note() + ": " + from + "'s failure stands");
            case REFUSED -> b.put("step", "refused " + step.route().status() + ": " + step.note());
            case ROUTE -> b.put("path", walk(step.route(), when, reached, followed + 1, groups));
        }
        return b;
    }

    private void group(Map<String, Object> node, HuntPlan plan, Instant when, List<String> reached, int followed,
            int groups) {
        node.put("step", "ring group " + plan.group() + (plan.note() == null ? "" : ": " + plan.note()));
        if (groups > CallHunt.MAX_GROUPS) {
            node.put("then", List.of(Map.of("step", "refused 482: " + CallHunt.MAX_GROUPS + " groups in a row")));
            return;
        }
        List<String> steps = new ArrayList<>();
        for (HuntStep s : plan.steps()) {
            List<String> members = new ArrayList<>();
            for (String m : s.members()) {
                RouteDecision d = provisioning.routing().route(new RouteRequest(null, null, m, when));
                members.add(d.outcome() == RouteDecision.Outcome.USER ? m + member(d.destination(), when)
                        : d.outcome() == RouteDecision.Outcome.TRUNKS ? m + " (through route " + d.route() + ")"
                                : m + " (" + last(d) + ")");
            }
            steps.add(String.join(", ", members) + " for " + s.seconds() + " s");
        }
        node.put("members", steps);
        String to = plan.noAnswer();
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("when", "nobody answered");
        if (to == null) {
            end.put("step", "the caller hears 480");
        } else if (to.startsWith(CallHunt.MAILBOX)) {
            end.put("step", "to " + to.substring(CallHunt.MAILBOX.length()) + "'s voicemail");
        } else {
            end.put("path", walk(provisioning.routing().route(new RouteRequest(null, null, to, when)), when, reached,
                    followed, groups));
        }
        node.put("then", List.of(end));
    }

    /** A call target: what it says of its calls, and each way on from it walked further (a menu's keys). */
    private void target(Map<String, Object> node, String name, Instant when, List<String> reached, int followed,
            int groups) {
        TargetPath p = provisioning.targets().apply(name).map(CallTarget::path).orElse(null);
        if (p == null) {
            node.put("step", "call target " + name + " answers");
            return;
        }
        node.put("step", p.step());
        if (reached.contains(name) || groups > CallHunt.MAX_GROUPS) {
            node.put("then", List.of(Map.of("step", "not followed: " + (reached.contains(name) ? "back to " + name
                    : CallHunt.MAX_GROUPS + " targets in a row"))));
            return;
        }
        List<String> path = new ArrayList<>(reached);
        path.add(name);
        List<Map<String, Object>> then = new ArrayList<>();
        for (TargetPath.Branch b : p.branches()) {
            Map<String, Object> way = new LinkedHashMap<>();
            way.put("when", b.when());
            String to = b.destination();
            if (to == null) {
                way.put("step", "the call ends");
            } else if (to.startsWith(CallHunt.MAILBOX)) {
                way.put("step", "to " + to.substring(CallHunt.MAILBOX.length()) + "'s voicemail");
            } else if (path.contains(to)) {
                way.put("step", "back to " + to);
            } else {
                way.put("path", walk(provisioning.routing().route(new RouteRequest(null, null, to, when)), when, path,
                        followed, groups + 1));
            }
            then.add(way);
        }
        if (!then.isEmpty()) {
            node.put("then", then);
        }
    }

    /** @return what a member's phones are doing now, as the group would find them */
    private String member(String user, Instant when) {
        return inCall(user) ? " (in a call now: passed over)" : store.bindings(user, when).isEmpty()
                ? " (no phone registered: passed over)" : "";
    }

    private static String last(RouteDecision d) {
        return d.reasons().isEmpty() ? "status " + d.status() : d.reasons().get(d.reasons().size() - 1);
    }
}
