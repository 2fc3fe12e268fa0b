package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sip.TransactionState;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.hunting.HuntGroups;
import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.hunting.HuntStep;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.core.internal.registrar.SipStore;

/**
 * Rings a ring or hunt group ({@link HuntGroups}): the plan's steps one after another, each step's
 * members at once (every phone of each user), members in a call or with no phone registered passed
 * over; a step ends at its time, or when every phone of it failed; the first phone to answer takes
 * the call and the others stop ringing with "Call completed elsewhere", so they log no missed call.
 * A number rings on a step of its own, through its route's trunks with their failover. After the
 * last step the call goes to the plan's final destination. One call, one record: the group, the
 * member who answered, the members passed over.
 */
final class CallHunt extends CallPart {

    /** A final destination that names a user's mailbox: {@code voicemail:bob}. */
    static final String MAILBOX = "voicemail:";
    /** How many groups one call may pass through, one ending in the next, before it is refused as a loop. */
    static final int MAX_GROUPS = 5;

    private final CallDivert divert;
    private volatile Supplier<HuntGroups> groups = () -> null;

    CallHunt(CallPart shared, CallDivert divert) {
        super(shared);
        this.divert = divert;
    }

    void use(Supplier<HuntGroups> service) {
        this.groups = service;
    }

    /** @return whether the extension reaches a group */
    boolean isGroup(String extension) {
        HuntGroups g = groups.get();
        return g != null && g.isGroup(extension);
    }

    /** @return the plan a new call to the group would get then, or empty when it is no group */
    Optional<HuntPlan> plan(String extension, Instant when) {
        HuntGroups g = groups.get();
        return g == null ? Optional.empty() : g.plan(extension, when);
    }

    /** A new call to a group's extension. */
    void start(Call call, String extension, int maxForwards) throws Exception {
        HuntGroups g = groups.get();
        Optional<HuntPlan> plan = g == null ? Optional.empty() : g.plan(extension, Instant.now());
        if (plan.isEmpty()) {
            setup.rejected(call, Response.NOT_FOUND, "No group " + extension);
            return;
        }
        if (plan.get().steps().isEmpty() && plan.get().noAnswer() == null) {
            setup.rejected(call, Response.TEMPORARILY_UNAVAILABLE, "Group " + plan.get().group() + ": "
                    + (plan.get().note() == null ? "nobody to ring" : plan.get().note()));
            return;
        }
        int entered = call.hunt == null ? 1 : call.hunt.entered + 1;
        if (entered > MAX_GROUPS) {
            setup.rejected(call, Response.LOOP_DETECTED, "Group " + plan.get().group() + ": " + MAX_GROUPS
                    + " groups in a row");
            return;
        }
        enter(call, plan.get(), entered, false, maxForwards);
    }

    /**
     * Rings a plan the switch made itself, as a group's: a queue's free agents at once, for a call its target
     * handed on (already in progress; the agents' rules are the call's).
     */
    void run(Call call, HuntPlan plan, int maxForwards) throws Exception {
        enter(call, plan, 1, true, maxForwards);
    }

    private void enter(Call call, HuntPlan plan, int entered, boolean agents, int maxForwards) throws Exception {
        call.hunt = new Call.Hunt(plan, entered, agents); // a group that ends in another group hands the call over
        call.maxForwards = maxForwards;
        call.calleeUser = null;
        setup.start(call); // a call already started (forwarded, or handed on by its target) is left as it is
        synchronized (call) {
            if (!next(call)) {
                teardown.failA(call, Response.TEMPORARILY_UNAVAILABLE, "Nobody in group " + plan.group()
                        + " can take the call", Disposition.FAILED, HangupSide.SYSTEM);
            }
        }
    }

    /**
     * A step failed (every phone busy or gone, its time over). Holds the call's monitor.
     *
     * @return whether the call went on to the next step or the final destination
     */
    boolean failed(Call call, int status, String reason, Disposition disposition) {
        if (call.hunt == null || call.hunt.finished || disposition == Disposition.CANCELLED || call.noDivert
                || call.aTx.getState() == TransactionState.COMPLETED
                || call.aTx.getState() == TransactionState.TERMINATED) {
            return false;
        }
        return next(call);
    }

    /** A phone of a member answered (or a number's step). Holds the call's monitor. */
    void answered(Call call, String member) {
        if (call.hunt == null || call.hunt.finished || call.hunt.answeredBy != null) {
            return;
        }
        call.hunt.answeredBy = member;
        HuntGroups g = call.hunt.agents ? null : groups.get(); // a queue's agents are no group's
        if (g != null) {
            try {
                g.answered(call.hunt.plan.group(), member);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Group " + call.hunt.plan.group() + " failed to take its answer: " + e);
            }
        }
    }

    /** Rings the next step that has anyone to ring, else the final destination. Holds the call's monitor. */
    private boolean next(Call call) {
        leaveLegB(call);
        Call.Hunt h = call.hunt;
        while (++h.step < h.plan.steps().size()) {
            HuntStep step = h.plan.steps().get(h.step);
            try {
                if (ring(call, step)) {
                    return true;
                }
            } catch (Exception e) {
                h.passed.add("step " + (h.step + 1) + ": " + LegEnds.why(e));
            }
        }
        h.finished = true;
        String to = h.plan.noAnswer();
        if (to == null) {
            return false;
        }
        try {
            if (to.startsWith(MAILBOX)) {
                call.calleeUser = to.substring(MAILBOX.length());
                return divert.toVoicemail(call, "group " + h.plan.group() + ": "
                        + (h.plan.steps().isEmpty() && h.plan.note() != null ? h.plan.note() : "no answer"));
            }
            RouteDecision d = provisioning.routing().route(new RouteRequest(null, null, to, Instant.now()));
            if (d.emergency()) {
                h.passed.add("final destination " + to + ": an emergency number is never a group's destination");
                return false;
            }
            switch (d.outcome()) {
                case USER -> setup.user.go(call, d.destination(), call.maxForwards - 1);
                case TARGET -> setup.target.go(call, d.destination(), to, d.did());
                case TRUNKS -> setup.outbound.go(call, d, call.maxForwards - 1);
                default -> {
                    h.passed.add("final destination " + to + ": " + d.reasons().get(d.reasons().size() - 1));
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            teardown.failedSetup(call, e);
            return true;
        }
    }

    /** @return whether the step rings anyone */
    private boolean ring(Call call, HuntStep step) throws Exception {
        Call.Hunt h = call.hunt;
        byte[] offer = null;
        boolean offered = false;
        int rung = 0;
        for (String member : step.members()) {
            RouteDecision d = provisioning.routing().route(new RouteRequest(null, null, member, Instant.now()));
            if (d.emergency()) {
                h.passed.add(member + ": an emergency number is never a group's member");
                continue;
            }
            if (d.outcome() == RouteDecision.Outcome.TRUNKS && step.members().size() == 1) {
                return ringNumber(call, member, d, step.seconds());
            }
            if (d.outcome() != RouteDecision.Outcome.USER) {
                h.passed.add(member + ": " + (d.outcome() == RouteDecision.Outcome.TRUNKS
                        ? "a number rings on a step of its own" : d.reasons().get(d.reasons().size() - 1)));
                continue;
            }
            String user = d.destination();
            // a queue's agent dialling or ringing for another caller is as busy as one talking
            if (h.agents ? callsOf(user, call) > 0 : inCall(user)) {
                h.passed.add(user + ": busy");
                continue;
            }
            List<SipStore.Binding> bindings = store.bindings(user, Instant.now());
            if (bindings.isEmpty()) {
                h.passed.add(user + ": not registered");
                continue;
            }
            if (!offered) {
                offer = setup.user.offer(call, user, bindings.get(0));
                offered = true;
                if (call.state == Call.State.ENDED) {
                    return true; // refused by the media encryption policy
                }
            }
            rung += setup.user.ring(call, user, bindings, offer, call.maxForwards, true);
        }
        if (rung == 0) {
            return false;
        }
        call.mainDone = true; // no leading branch: the step fails when its last phone does
        call.ringTimer = timer.schedule(() -> teardown.ringTimeout(call), step.seconds(), TimeUnit.SECONDS);
        return true;
    }

    /** A number's step: out through its route's trunks with their failover, ringing for the step's time. */
    private boolean ringNumber(Call call, String number, RouteDecision d, int seconds) throws Exception {
        if (!d.hasUsableTrunk()) {
            call.hunt.passed.add(number + ": no trunk available on route " + d.route());
            return false;
        }
        call.hunt.numberRinging = number;
        int step = call.hunt.step;
        setup.outbound.go(call, d, call.maxForwards - 1);
        // a refusal on the way (no channel, a limit) went on to the next step, with its own time
        if (call.state != Call.State.ENDED && call.ringTimer != null && call.hunt.step == step) {
            cancelTimer(call);
            call.ringTimer = timer.schedule(() -> teardown.ringTimeout(call), seconds, TimeUnit.SECONDS);
        }
        return true;
    }
}
