package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.hunting.HuntStep;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;

/**
 * Redirects of calls that an anchored call target answered (an auto attendant's choice, a queue's agent): the
 * switch calls the destination itself and keeps the caller's leg, whose media already flow to the relay; once the
 * destination answers, the relay joins the two and the target is told its part ended. The caller's phone is sent
 * nothing, so a carrier's caller is handed on as well as a phone's.
 */
final class CallRedirect extends CallPart {

    CallRedirect(CallPart shared) {
        super(shared);
    }

    /** @return null when the call goes on to the destination, else why not */
    String redirect(String id, String destination) {
        return handOn(id, destination, 0);
    }

    /**
     * A queue's ring of its agent: the user's phones only (no forwarding, mailbox or push), for at most {@code
     * seconds}; a user in a call is busy at once. Whatever the end, the target is asked to take the caller back.
     *
     * @return null when the user's phones ring, else why not
     */
    String ring(String id, String user, int seconds) {
        if (seconds < 1) {
            return "A ring lasts a second at least";
        }
        return handOn(id, user, seconds);
    }

    /**
     * A queue's ring of all its free agents at once: a plan of one step, rung as a ring group's step is, with the
     * agents' rules of {@link #ring(String, String, int)}; the first phone to answer takes the call.
     *
     * @return null when any of the users' phones ring, else why not
     */
    String ring(String id, List<String> users, int seconds) {
        if (seconds < 1) {
            return "A ring lasts a second at least";
        }
        if (users == null || users.isEmpty()) {
            return "Nobody to ring";
        }
        if (users.size() == 1) {
            return handOn(id, users.get(0), seconds);
        }
        Call call = id == null ? null : lookup(id);
        if (call == null) {
            return "No call " + id + " in progress";
        }
        for (String user : users) {
            RouteDecision d = provisioning.routing().route(new RouteRequest(null, null, user, Instant.now()));
            if (d.outcome() != RouteDecision.Outcome.USER) {
                return user + " is no user: a queue rings users' phones";
            }
        }
        HuntPlan plan = new HuntPlan(String.join(",", users), List.of(new HuntStep(users, seconds)), null);
        return handOver(call, id, seconds, "rings " + users + " at once for its call target", () -> run(call, plan));
    }

    /**
     * A queue's ring of an agent who is an outside number: a plan of one step with the number, rung through the
     * routes and trunks as a ring group's number is (the admin named it), for at most {@code seconds}.
     *
     * @return null when the number is being called, else why not
     */
    String ringNumber(String id, String number, int seconds) {
        if (seconds < 1) {
            return "A ring lasts a second at least";
        }
        Call call = id == null ? null : lookup(id);
        if (call == null) {
            return "No call " + id + " in progress";
        }
        if (number == null || number.isBlank()) {
            return "No number";
        }
        RouteDecision d = provisioning.routing().route(new RouteRequest(null, null, number, Instant.now()));
        if (d.emergency()) {
            return number + " is an emergency number: never an agent";
        }
        if (d.outcome() != RouteDecision.Outcome.TRUNKS) {
            return number + " is no outside number: " + (d.outcome() == RouteDecision.Outcome.REJECTED
                    && !d.reasons().isEmpty() ? d.reasons().get(d.reasons().size() - 1) : "it stays inside the switch");
        }
        HuntPlan plan = new HuntPlan(number, List.of(new HuntStep(List.of(number), seconds)), null);
        return handOver(call, id, seconds, "rings outside agent " + number + " for its call target",
                () -> run(call, plan));
    }

    private void run(Call call, HuntPlan plan) {
        try {
            setup.hunt.run(call, plan, 70);
        } catch (Exception e) {
            synchronized (call) {
                teardown.failedSetup(call, e);
            }
        }
    }

    private String handOn(String id, String destination, int agentSeconds) {
        Call call = id == null ? null : lookup(id);
        if (call == null) {
            return "No call " + id + " in progress";
        }
        if (destination == null || destination.isBlank()) {
            return "No destination";
        }
        RouteDecision d;
        try {
            // a mailbox is a destination of numbers, not something dialled: it goes to the voicemail target as a
            // number's does (which refuses a user without a mailbox)
            d = destination.startsWith(CallHunt.MAILBOX)
                    ? new RouteDecision(RouteDecision.Outcome.TARGET, 0, destination, null, null, destination, null,
                            null, List.of(), List.of(destination + ": a mailbox"))
                    : provisioning.routing().route(new RouteRequest(null, null, destination, Instant.now()));
        } catch (RuntimeException e) {
            return "Cannot route to " + destination + ": " + e.getMessage();
        }
        String refused = agentSeconds > 0 && d.outcome() != RouteDecision.Outcome.USER
                ? destination + " is no user: a queue rings users' phones" : refusal(d, destination);
        if (refused != null) {
            LOG.log(Level.INFO, "Redirect of call " + call.aCallId() + " refused: " + refused);
            return refused;
        }
        return handOver(call, id, agentSeconds, "handed on by its call target to " + destination,
                () -> setup.follow(call, () -> d, 70));
    }

    /**
     * Takes the call from its target and starts its new setup; when the target's answer is still on its way to the
     * caller (a queue that rings a free agent at once), once it got there: the caller's phone must have its 200
     * before the call becomes a setup again, or it would never get one.
     *
     * @return null, or why the call cannot be handed on
     */
    private String handOver(Call call, String id, int agentSeconds, String what, Runnable start) {
        synchronized (call) {
            if (call.answering) {
                call.afterAnswer = () -> {
                    String refused = handOver(call, id, agentSeconds, what, start);
                    if (refused != null) {
                        // the target was told the call went on: it hears that nobody took it, as after a ring
                        LOG.log(Level.INFO, "Call " + call.aCallId() + " not handed on after its answer: " + refused);
                        CallTarget target = call.callTarget;
                        if (target != null) {
                            target.returned(call.id, 480, refused);
                        }
                    }
                };
                return null;
            }
        }
        String refused = take(call, id, agentSeconds);
        if (refused != null) {
            return refused;
        }
        LOG.log(Level.INFO, "Call " + call.aCallId() + " " + what);
        start.run();
        return null;
    }

    /**
     * Takes the call from its target into a new setup, the caller's leg kept: only a call a target answered on the
     * relay.
     *
     * @return null, or why the call cannot be handed on
     */
    private String take(Call call, String id, int agentSeconds) {
        synchronized (call) {
            // a click-to-call's leg A is the switch's own; a caller a menu handed to a queue is handed on again
            if (call.callTarget == null || call.state != Call.State.ANSWERED || call.media == null
                    || call.originated()) {
                return "Call " + id + " is not answered by a call target on the media relay";
            }
            call.redirectedFrom = call.callTarget;
            call.redirectedTarget = call.target;
            call.callTarget = null;
            call.target = null;
            call.redirected = true;
            call.agentRingSeconds = agentSeconds;
            call.noDivert = agentSeconds > 0;
            call.state = Call.State.SETUP;
            call.inSetup = true;
            inSetup.incrementAndGet();
            // the destination is offered the codec the caller already sends (and its telephone events): the caller
            // was answered with that one, and the relay does not transcode
            if (call.codec != null) {
                byte[] only = Sdp.filter(call.aInvite.getRawContent(), List.of(call.codec));
                if (only != null) {
                    try {
                        call.aInvite.setContent(only, headers.createContentTypeHeader("application", "sdp"));
                    } catch (ParseException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return null;
    }

    /**
     * The destination of a redirect failed, and what follows it too: the target that handed the call on takes it
     * back if it will (the relay sends the caller's media to it again), else the call ends. Holds the call's
     * monitor.
     *
     * @return whether the target took it back
     */
    boolean back(Call call, int status, String reason) {
        CallTarget target = call.redirectedFrom;
        if (!call.redirected || target == null || call.targetAnswer == null || call.state == Call.State.ENDED) {
            return false;
        }
        boolean taken;
        try {
            taken = target.returned(call.id, status, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call target of call " + call.aCallId() + " failed taking it back: " + e);
            taken = false;
        }
        if (!taken) {
            return false;
        }
        leaveSetup(call);
        call.redirectedFrom = null;
        call.redirected = false;
        call.hunt = null; // a ring of several agents is over: the next is a ring of its own
        call.agentRingSeconds = 0;
        call.noDivert = false;
        call.callTarget = target;
        call.target = call.redirectedTarget;
        call.bTx = null;
        call.bDialog = null;
        call.state = Call.State.ANSWERED;
        media.body(call, false, call.targetAnswer); // the relay sends the caller's media to the target again
        LOG.log(Level.INFO, "Call " + call.aCallId() + " came back to its call target: " + status + " " + reason);
        return true;
    }

    /** @return why a redirect may not go there, or null: only destinations inside the switch */
    static String refusal(RouteDecision d, String destination) {
        if (d.emergency()) {
            return destination + " is an emergency number: a caller's phone dials it, with its location";
        }
        return switch (d.outcome()) {
            case USER, TARGET -> null;
            case TRUNKS -> destination + " is outside the switch: a redirect never leaves on the switch's own account";
            case REJECTED -> destination + ": " + (d.reasons().isEmpty() ? "refused (" + d.status() + ")"
                    : d.reasons().get(d.reasons().size() - 1));
        };
    }
}
