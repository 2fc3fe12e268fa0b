package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.sip.api.forwarding.CallForwarding;
import io.switchboard.sip.api.forwarding.ForwardReason;
import io.switchboard.sip.api.forwarding.ForwardingRules;
import io.switchboard.sip.api.routing.RouteDecision;

/**
 * Carries out users' call forwarding ({@link CallForwarding}): a call to a user who forwards every
 * call, or whose phones answer busy, do not answer in time or cannot be reached, goes on where the
 * user's rules say, routed as if that user dialled it (its class of service and limits judge a number
 * that leaves on a trunk). The caller keeps its identity and hears 181; leg B names who forwarded in
 * Diversion and History-Info ({@link ForwardHeaders}). A forward back to a user the call has reached
 * is a loop and is not followed, nor is one past the hop limit: the user reached then rings, or the
 * call fails as it would have. Without a rule, a failing call goes to the user's voicemail.
 */
final class CallForward extends CallPart {

    /** One forward of a call: who forwarded, to what, why, and what became of it (null: followed). */
    record Hop(String from, String to, ForwardReason reason, String stopped) {

        boolean followed() {
            return stopped == null;
        }

        @Override
        public String toString() {
            return from + " -> " + to + " (" + reason.diversion() + (stopped == null ? "" : ", " + stopped) + ")";
        }
    }

    private final CallDivert divert;
    private volatile Supplier<CallForwarding> service = () -> null;
    private volatile int maxHops = 5;
    private volatile ForwardHeaders onTrunks = ForwardHeaders.of(new String[] { "diversion" });

    CallForward(CallPart shared, CallDivert divert) {
        super(shared);
        this.divert = divert;
    }

    /** @return how many forwards one call may follow */
    int maxHops() {
        return maxHops;
    }

    void use(Supplier<CallForwarding> forwarding, int hops, ForwardHeaders headersOnTrunks) {
        this.service = forwarding;
        this.maxHops = hops;
        this.onTrunks = headersOnTrunks;
    }

    /** @return the user's rules in force then; none when no forwarding service is installed or it fails */
    ForwardingRules rulesOf(String user, Instant when) {
        CallForwarding f = service.get();
        if (f == null) {
            return ForwardingRules.NONE;
        }
        try {
            ForwardingRules r = f.rules(user, when);
            return r == null ? ForwardingRules.NONE : r;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call forwarding of " + user + " cannot be read; its phones ring: " + e);
            return ForwardingRules.NONE;
        }
    }

    /** Before the user's phones ring. @return whether the call went elsewhere (or ended) */
    boolean unconditional(Call call, String user) {
        String to = call.rules.always();
        if (to == null) {
            return false;
        }
        synchronized (call) {
            return forward(call, user, to, ForwardReason.UNCONDITIONAL, Disposition.FAILED);
        }
    }

    /**
     * Before the user's phones ring: a user with call waiting off who is in a call, or with as many
     * calls as it may have at once, is busy, and the call goes where busy calls go.
     *
     * @return whether the call was found busy (and went on or ended)
     */
    boolean busy(Call call, String user) {
        ForwardingRules r = call.rules;
        String why = r == null ? null
                : !r.callWaiting() && inCall(user) ? "in a call, call waiting off"
                : r.maxCalls() > 0 && callsOf(user, call) >= r.maxCalls() ? r.maxCalls() + " call(s) at once"
                : null;
        if (why == null) {
            return false;
        }
        setup.rejected(call, Response.BUSY_HERE, user + " is busy: " + why);
        return true;
    }

    /**
     * A call to a user failed. Holds the call's monitor.
     *
     * @return whether it went on (forwarded, to voicemail, or ended by a refused forward): the failure is
     *         not to be answered
     */
    boolean failed(Call call, int status, String reason, Disposition disposition) {
        if (!CallDivert.divertable(call, disposition) || !CallDivert.diverts(status)) {
            return false;
        }
        ForwardReason why = status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE ? ForwardReason.BUSY
                : disposition == Disposition.NO_ANSWER ? ForwardReason.NO_ANSWER : ForwardReason.UNAVAILABLE;
        String to = call.rules == null || !call.calleeUser.equals(call.rulesUser) ? null
                : call.rules.destination(why);
        if (to == null) {
            return divert.divert(call, status, reason, disposition);
        }
        return forward(call, call.calleeUser, to, why, disposition);
    }

    /** Holds the call's monitor. @return whether the call went on, or ended with the forward's refusal */
    private boolean forward(Call call, String from, String to, ForwardReason why, Disposition disposition) {
        ForwardStep step = ForwardStep.decide(from, to, call.forwards.stream().filter(Hop::followed).count(), maxHops,
                user -> reached(call, user), provisioning.routing(), Instant.now());
        switch (step.kind()) {
            case NOT_FOLLOWED -> {
                call.forwards.add(new Hop(from, to, why, step.note()));
                return false;
            }
            case VOICEMAIL -> {
                if (!CallDivert.divertable(call, disposition)) {
                    return false;
                }
                call.forwards.add(new Hop(from, to, why, null));
                if (divert.toVoicemail(call, "forwarded: " + why.diversion())) {
                    return true;
                }
                call.forwards.set(call.forwards.size() - 1, new Hop(from, to, why, "not followed: no mailbox"));
                return false;
            }
            case REFUSED -> {
                call.forwards.add(new Hop(from, to, why, "refused: " + step.note()));
                call.noDivert = true;
                setup.rejected(call, step.route().status(), "Forward to " + to + " refused: " + step.note());
                return true;
            }
            default -> {
                // followed below
            }
        }
        RouteDecision d = step.route();
        call.forwards.add(new Hop(from, to, why, null));
        try {
            setup.start(call);
            leaveLegB(call);
            setup.tellForwarded(call);
            int hopsLeft = call.maxForwards - 1;
            switch (d.outcome()) {
                case USER -> setup.user.go(call, d.destination(), hopsLeft);
                case TARGET -> {
                    call.calleeUser = null;
                    setup.target.go(call, d.destination(), to, d.did());
                }
                default -> {
                    call.calleeUser = null;
                    call.limitedUser = from;
                    call.route = d.route();
                    setup.outbound.go(call, d, hopsLeft);
                }
            }
            LOG.log(Level.INFO, "Call " + call.aCallId() + " forwarded: " + call.forwards.get(call.forwards.size() - 1));
        } catch (Exception | LinkageError | AssertionError e) {
            teardown.failedSetup(call, e);
        }
        return true;
    }

    /**
     * Names on leg B's INVITE who forwarded the call (Diversion, History-Info), as the leg's trunk
     * wants them; nothing for a call that was not forwarded.
     *
     * @param trunk the trunk leg B goes to, or null for a phone
     */
    void annotate(Call call, Request b, String trunk, String host) throws ParseException {
        List<Hop> followed = call.forwards.stream().filter(Hop::followed)
                .filter(h -> !ForwardingRules.VOICEMAIL.equals(h.to())).toList();
        for (String[] h : ForwardHeaders.headers(followed, onTrunks.mode(trunk), this::identity, host,
                b.getRequestURI().toString())) {
            b.addHeader(headers.createHeader(h[0], h[1]));
        }
    }

    /** @return a user's number as a carrier or phone should see it: E.164 where it has one */
    private String identity(String user) {
        String own = setup.numberOf(user);
        String e = e164.apply(own);
        return e == null ? own : e;
    }

    /** @return whether the call has rung this user already (first callee, or a user that forwarded it) */
    private static boolean reached(Call call, String user) {
        return user.equals(call.calleeUser) || call.forwards.stream().anyMatch(h -> h.from().equals(user));
    }

}
