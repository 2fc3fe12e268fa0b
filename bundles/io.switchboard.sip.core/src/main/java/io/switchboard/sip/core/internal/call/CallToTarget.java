package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sip.header.ContactHeader;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.stack.PacketSource;

/**
 * A call's setup to a destination served inside the server: a mailbox, a ring group, or a call
 * target that answers or refuses at once and has no leg B.
 */
final class CallToTarget extends CallPart {

    /** The transfers passed on to users' phones: a call a transfer made names who transferred it. */
    Referrals referrals;

    CallToTarget(CallPart shared) {
        super(shared);
    }

    /**
     * @return the address the caller's SIP came from, whose media a target may latch onto; null for a call
     *         the switch placed itself (its offer is the relay's, heard at the address it names)
     */
    static String signalling(Call call) {
        return call.switchAnswered() ? null : PacketSource.of(call.aInvite).host();
    }

    /** To a destination served inside the server: it answers or refuses at once, and has no leg B. */
    void go(Call call, String name, String did) throws Exception {
        go(call, name, call.callee, did);
    }

    /**
     * To a ring group of that extension, or to the call target of that name.
     *
     * @param dialled what the target is told was dialled (a forward dials on the forwarding user's behalf)
     */
    void go(Call call, String name, String dialled, String did) throws Exception {
        if (name.startsWith(CallHunt.MAILBOX)) {
            call.calleeUser = name.substring(CallHunt.MAILBOX.length());
            if (!setup.divert.toVoicemail(call, "to voicemail: " + (did == null ? dialled : did))) {
                setup.rejected(call, Response.TEMPORARILY_UNAVAILABLE, "No mailbox for " + call.calleeUser);
            }
            return;
        }
        CallHunt h = setup.hunt;
        if (h != null && h.isGroup(name)) {
            h.start(call, name, call.maxForwards);
            return;
        }
        Optional<CallTarget> target = provisioning.targets().apply(name);
        if (target.isEmpty()) {
            setup.rejected(call, Response.NOT_FOUND, "No such user");
            return;
        }
        // a click-to-call's user phone, a redirect's caller and an anchored target's caller send to the relay: the
        // target gets the relay's side of it
        boolean anchored = !call.switchAnswered() && provisioning.anchored().test(target.get())
                && media.anchorForTarget(call);
        byte[] offer = call.switchAnswered() || anchored ? media.body(call, true, call.aInvite.getRawContent())
                : call.aInvite.getRawContent();
        if (anchored) {
            offer = handable(offer);
        }
        setup.start(call); // known to CallControl while the target takes it (it may tag or end it)
        String referredBy = call.trunkIn == null && referrals != null ? referrals.take(call.caller, dialled) : null;
        TargetAnswer answer;
        synchronized (call) {
            call.answering = true; // a target may hand the call on from within its offer: that waits for the answer
        }
        try {
            answer = target.get().offer(new TargetCall(call.id, call.caller, dialled, did,
                    offer == null ? null : new String(offer, StandardCharsets.UTF_8), call.trunkIn,
                    call.callerName, null, anchored ? null : signalling(call), referredBy));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call target " + name + " failed on call " + call.aCallId() + ": " + e);
            answer = null;
        }
        if (answer == null || answer.status() < 200 || answer.status() > 699
                || answer.status() < 300 && answer.sdpAnswer() == null) {
            notAnswering(call);
            setup.rejected(call, Response.SERVER_INTERNAL_ERROR, "Call target " + name + " failed");
            return;
        }
        if (answer.status() >= 300) {
            notAnswering(call);
            setup.rejected(call, answer.status(), answer.reason());
            return;
        }
        synchronized (call) {
            leaveSetup(call);
            call.callTarget = target.get();
            call.target = "target:" + name;
            call.state = Call.State.ANSWERED;
            if (!call.redirected) { // a redirected call was answered by the target that handed it on
                call.answer = Instant.now();
                call.ring = call.answer;
            }
            call.sipCode = Response.OK;
            byte[] sdp = answer.sdpAnswer().getBytes(StandardCharsets.UTF_8);
            call.targetAnswer = sdp;
            call.codec = Sdp.firstCodec(sdp);
            call.streams = Sdp.streams(sdp);
            if (call.switchAnswered() && call.media != null) {
                media.body(call, false, sdp); // the relay sends the user's media to the target from now on
                call.media.answered();
            } else if (anchored) {
                sdp = media.body(call, false, sdp); // the caller is answered with the relay's side
                call.media.answered();
            }
            call.targetSdp = sdp;
            sessionTimers.answered(call, null);
            Response a = messages.createResponse(Response.OK, call.aInvite);
            if (answer.focus()) {
                ContactHeader contact = legs.contactOnLegA(call);
                contact.setParameter("isfocus", null); // RFC 4579: the caller's phone shows a conference
                a.addHeader(contact);
            }
            a.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            call.answering = true;
            journal.answered(record(call, Disposition.ANSWERED)).whenComplete((committed, failure) -> relay.relayAnswer(call, a));
        }
    }

    /** The target refused the call: a redirect it asked for meanwhile has nothing to hand on. */
    private static void notAnswering(Call call) {
        synchronized (call) {
            call.answering = false;
            call.afterAnswer = null;
        }
    }

    /** The codecs every phone and carrier speaks. */
    static final List<String> G711 = List.of("PCMU", "PCMA");

    /**
     * An anchored target may hand its caller to any phone, and the relay does not transcode: the target is offered
     * G.711 alone when the caller has it, so that the caller is answered in it and a desk phone without the caller's
     * first codec (Opus, say) can still take the call.
     */
    static byte[] handable(byte[] offer) {
        byte[] g711 = Sdp.filter(offer, G711);
        return g711 == null ? offer : g711;
    }
}
