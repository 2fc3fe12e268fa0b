package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.core.internal.registrar.SipStore;

/**
 * A call's setup to a local user: the user's forwarding (always, busy) and refusal of anonymous
 * callers first, then the phone woken when it sleeps behind a push service, then each registered
 * phone rung in parallel, with the no-answer timer running.
 */
final class CallToUser extends CallPart {

    private final LegEnds ends;

    CallToUser(CallPart shared, LegEnds ends) {
        super(shared);
        this.ends = ends;
    }

    /** RFC 5079: the callee takes no calls that withhold the caller's identity. */
    static final int ANONYMITY_DISALLOWED = 433;

    /** @return whether the caller withholds its identity: From anonymous, or a Privacy header that asks it */
    private static boolean anonymous(Call call) {
        FromHeader from = (FromHeader) call.aInvite.getHeader(FromHeader.NAME);
        Header privacy = call.aInvite.getHeader("Privacy");
        String user = from.getAddress().getURI() instanceof SipURI u ? u.getUser() : null;
        String host = from.getAddress().getURI() instanceof SipURI u ? u.getHost() : null;
        return CallerId.anonymous(user, host, privacy == null ? null : privacy.toString());
    }

    /** To a local user's best registered contact, unless the user forwards every call. */
    void go(Call call, String user, int maxForwards) throws Exception {
        call.calleeUser = user;
        call.maxForwards = maxForwards;
        CallForward f = setup.forward;
        boolean agent = call.agentRingSeconds > 0;
        // an agent dialling (their log-in code, say) or ringing is as busy as one talking: a queue passes them by
        if (agent ? callsOf(user, call) > 0 : call.intercom && inCall(user)) {
            setup.rejected(call, Response.BUSY_HERE, user + " is in a call: " + (agent ? "a queue tries another agent"
                    : "an intercom call or page passes them by"));
            return;
        }
        // a queue's agent is rung on their phones only: their forwarding would take the queue's caller away
        if (f != null && !call.intercom && !agent && !user.equals(call.rulesUser)) {
            call.rulesUser = user;
            call.rules = f.rulesOf(user, Instant.now());
            if (call.rules.rejectAnonymous() && anonymous(call)) {
                setup.rejected(call, ANONYMITY_DISALLOWED, "Anonymity Disallowed: " + user + " takes no calls that withhold "
                        + "the caller's number");
                return;
            }
            if (f.unconditional(call, user) || f.busy(call, user)) {
                return;
            }
        }
        List<SipStore.Binding> bindings = store.bindings(user, Instant.now());
        if (bindings.isEmpty()) {
            setup.rejected(call, Response.TEMPORARILY_UNAVAILABLE, "Not registered");
            return;
        }
        PushWake wake = setup.push; // set on the setup when push is installed
        if (wake != null && !call.intercom && !agent && call.push == null && wake.sleeping(bindings)) {
            call.push = "waking";
            setup.start(call); // a CANCEL finds the call while the phone wakes
            wake.wake(user, bindings, call.id, "call", outcome -> woken(call, user, maxForwards, outcome));
            return;
        }
        if (call.sips() && !LegEnds.tls(bindings.get(0))) {
            setup.rejected(call, Response.TEMPORARILY_UNAVAILABLE, "user " + user + " " + LegEnds.SIPS_REFUSAL);
            return;
        }
        byte[] offer = offer(call, user, bindings.get(0));
        if (call.state == Call.State.ENDED) {
            return; // refused by the media encryption policy (a late offer has no body: null goes on)
        }
        // the first phone that can be reached leads; one whose connection is gone (it left without
        // unregistering) is passed over instead of failing the call
        if (ring(call, user, bindings, offer, maxForwards, false) == 0) {
            synchronized (call) {
                teardown.failA(call, Response.TEMPORARILY_UNAVAILABLE, "Cannot reach the callee", Disposition.FAILED,
                        HangupSide.SYSTEM);
            }
            return;
        }
        int ringSeconds = agent ? call.agentRingSeconds
                : call.rules != null && call.rules.noAnswer() != null && call.rules.noAnswerSeconds() > 0
                        ? call.rules.noAnswerSeconds() : limits.ringTimeoutSeconds();
        call.ringTimer = timer.schedule(() -> teardown.ringTimeout(call), ringSeconds, TimeUnit.SECONDS);
    }

    /**
     * The offer for a user's phones, through the relay when the media policy anchors the call; starts
     * the call, or ends it when the media encryption policy refuses it.
     *
     * @return the offer (null for a late offer), or null with the call ended
     */
    byte[] offer(Call call, String user, SipStore.Binding first) throws Exception {
        SrtpPolicy.Outcome srtp = SrtpPolicy.offer(call.aInvite.getRawContent(), ends.caller(call), ends.user(user,
                first));
        if (srtp.refused()) {
            setup.rejected(call, Response.NOT_ACCEPTABLE_HERE, srtp.refusal());
            return null;
        }
        if (!calls.containsKey(call.id)) {
            setup.start(call);
        }
        synchronized (call) {
            call.ends(ends.caller(call), ends.user(user, first));
            return media.offer(call, MediaAnchor.Side.caller(call), MediaAnchor.Side.user(user, natted(first)), srtp.offer());
        }
    }

    /**
     * Sends the offer to each of a user's phones that fits it.
     *
     * @param forks whether every phone is a further branch (a ring group's step), else the first leads
     * @return how many phones were rung
     */
    int ring(Call call, String user, List<SipStore.Binding> bindings, byte[] offer, int maxForwards, boolean forks) {
        int rung = 0;
        for (SipStore.Binding b : bindings) {
            if (b != bindings.get(0) && (call.sips() && !LegEnds.tls(b)
                    || SrtpPolicy.offer(call.aInvite.getRawContent(), ends.caller(call), ends.user(user, b)).refused())) {
                continue; // that phone's connection or policy does not fit the offer: the others ring
            }
            try {
                setup.legB.invite(call, legs.reachable(b), legs.route(b.path()), offer, null, maxForwards,
                        forks || rung > 0, user);
                rung++;
            } catch (Exception e) {
                LOG.log(Level.INFO, "Cannot ring " + user + " at " + b.contact() + ": " + LegEnds.why(e));
            }
        }
        return rung;
    }

    /** The callee's sleeping phone registered again, or the wait is over: its phones ring now. */
    private void woken(Call call, String user, int maxForwards, PushWake.Outcome o) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return; // the caller gave up while the phone woke
            }
        }
        call.push = o.tag();
        call.pushMillis = o.millis();
        try {
            go(call, user, maxForwards);
        } catch (Exception | LinkageError | AssertionError e) {
            synchronized (call) {
                teardown.failedSetup(call, e);
            }
        }
    }

    /** @return whether a phone registered from another address than its Contact names (behind NAT) */
    private boolean natted(SipStore.Binding b) {
        if (b.source() == null || b.source().indexOf(':') < 0) {
            return false;
        }
        String sourceHost = b.source().substring(b.source().indexOf(':') + 1, b.source().lastIndexOf(':'));
        try {
            return addresses.createURI(b.contact()) instanceof SipURI contact && !contact.getHost().equals(sourceHost);
        } catch (ParseException e) {
            return false;
        }
    }
}
