package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import javax.sip.TransactionState;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.forwarding.ForwardReason;

/**
 * A call to a user that nobody answers (ring timeout), that finds the user busy or unreachable
 * (not registered, no phone answers) goes on to the user's voicemail when a call target named
 * {@value #VOICEMAIL} is installed: the target is offered the call with the user as the dialled
 * mailbox and answers it, and the caller hears the greeting instead of the failure. One call, one
 * record (tagged with why it was diverted).
 */
final class CallDivert extends CallPart {

    static final String VOICEMAIL = "voicemail";

    CallDivert(CallPart shared) {
        super(shared);
    }

    /** @return whether a failing call may still go elsewhere: a user's, not yet answered by a service */
    static boolean divertable(Call call, Disposition disposition) {
        return call.calleeUser != null && call.callTarget == null && call.divertedFrom == null && !call.noDivert
                && call.pickedUpFrom == null && disposition != Disposition.CANCELLED && !call.lateOffer
                && !call.sips() // a call for TLS end to end is not taken by a service whose media is plain
                && call.aTx.getState() != TransactionState.COMPLETED
                && call.aTx.getState() != TransactionState.TERMINATED;
    }

    /** @return whether a final answer is one the call may be diverted on: busy, unavailable, no answer */
    static boolean diverts(int status) {
        return status == Response.BUSY_HERE || status == Response.TEMPORARILY_UNAVAILABLE
                || status == Response.REQUEST_TIMEOUT || status == Response.BUSY_EVERYWHERE;
    }

    /**
     * Holds the call's monitor.
     *
     * @return whether the call went on to voicemail: the failure is not to be answered
     */
    boolean divert(Call call, int status, String reason, Disposition disposition) {
        if (!divertable(call, disposition) || !diverts(status)) {
            return false;
        }
        return toVoicemail(call, status + " " + (reason == null ? "" : reason).trim());
    }

    /** @return whether the call comes to the mailbox because its user was busy (486, 600, a busy forward) */
    static boolean busy(String why) {
        return why.startsWith(Response.BUSY_HERE + " ") || why.startsWith(Response.BUSY_EVERYWHERE + " ")
                || why.contains(ForwardReason.BUSY.diversion());
    }

    /**
     * Hands the call to {@link Call#calleeUser}'s mailbox. Holds the call's monitor.
     *
     * @param why what the record says of it ("480 No answer")
     * @return whether the mailbox took the call
     */
    boolean toVoicemail(Call call, String why) {
        Optional<CallTarget> voicemail = provisioning.targets().apply(VOICEMAIL);
        if (voicemail.isEmpty()) {
            return false;
        }
        // the target gets the offer the callee's phones got (the relay's, when the call is anchored)
        boolean relayed = call.bTx != null && call.media != null;
        byte[] offer = relayed ? call.bTx.getRequest().getRawContent() : call.aInvite.getRawContent();
        TargetAnswer answer;
        try {
            answer = voicemail.get().offer(new TargetCall(call.id, call.caller, call.calleeUser, call.did,
                    offer == null ? null : new String(offer, StandardCharsets.UTF_8), call.trunkIn, call.callerName,
                    busy(why) ? TargetCall.BUSY : null, relayed ? null : CallToTarget.signalling(call)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Voicemail failed on call " + call.aCallId() + ": " + e);
            return false;
        }
        if (answer == null || answer.status() != Response.OK || answer.sdpAnswer() == null) {
            LOG.log(Level.INFO, "Voicemail did not take call " + call.aCallId() + " to " + call.calleeUser + ": "
                    + (answer == null ? "no answer" : answer.status() + " " + answer.reason()));
            return false;
        }
        try {
            if (call.aDialog == null) {
                // refused before its phones rang (not registered): the caller's dialog starts here
                call.aDialog = call.aProvider.getNewDialog(call.aTx);
                call.aTx.setApplicationData(call);
                byDialog.put(call.aDialog, call);
                calls.putIfAbsent(call.id, call);
                byACallId.putIfAbsent(call.aCallId(), call);
            }
            cancelTimer(call);
            teardown.cancelB(call);
            // the phones' last answers (487) and their dialog's end belong to a leg the call has left
            call.bTx = null;
            if (call.bDialog != null) {
                byDialog.remove(call.bDialog);
                call.bDialog = null;
            }
            call.mainDone = true;
            call.divertedFrom = why;
            call.callTarget = voicemail.get();
            call.target = "target:" + VOICEMAIL;
            leaveSetup(call);
            call.state = Call.State.ANSWERED;
            call.answer = Instant.now();
            if (call.ring == null) {
                call.ring = call.answer;
            }
            call.sipCode = Response.OK;
            byte[] sdp = answer.sdpAnswer().getBytes(StandardCharsets.UTF_8);
            call.targetSdp = sdp;
            byte[] toCaller = call.media != null ? media.body(call, false, sdp) : sdp;
            call.codec = Sdp.firstCodec(toCaller);
            if (call.media != null) {
                call.media.answered();
            }
            sessionTimers.answered(call, null);
            Response ok = messages.createResponse(Response.OK, call.aInvite);
            ok.setContent(toCaller, headers.createContentTypeHeader("application", "sdp"));
            journal.answered(record(call, Disposition.ANSWERED)).whenComplete((c, f) -> relay.relayAnswer(call, ok));
            LOG.log(Level.INFO, "Call " + call.aCallId() + " to " + call.calleeUser + " went to voicemail: "
                    + call.divertedFrom);
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot divert call " + call.aCallId() + " to voicemail: " + e);
            voicemail.get().ended(call.id, false);
            call.callTarget = null;
            return false;
        }
    }
}
