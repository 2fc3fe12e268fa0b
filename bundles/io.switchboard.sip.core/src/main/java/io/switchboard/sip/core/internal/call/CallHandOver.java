package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;

/**
 * Blind transfers of a caller to an anchored call target (a park slot, a queue, a menu) that the callee's phone
 * asks for: the switch completes them itself and keeps the caller's leg, whose media already flow through the
 * relay. The caller's phone is sent nothing, so a carrier's caller is transferred as well as a phone's; the
 * transferring phone is told how it went (NOTIFY, RFC 3515) and its leg ends once the target has the caller.
 */
final class CallHandOver extends CallPart {

    /** A target a REFER names: its name in routing, what the phone dialled, and the service. */
    record Destination(String name, String dialled, CallTarget target) {
    }

    CallHandOver(CallPart shared) {
        super(shared);
    }

    /**
     * Holds the call's monitor.
     *
     * @return the anchored target the callee's REFER names, judged as the callee would dial it, or null when the
     *         REFER is not the switch's to complete (the caller's, a user's, a call off the relay)
     */
    Destination destination(Call call, boolean fromA, Request refer) {
        if (fromA || call.callTarget != null || call.media == null || call.state != Call.State.ANSWERED
                || call.calleeUser == null || call.aInvite.getRawContent() == null
                || !(refer.getHeader(ReferToHeader.NAME) instanceof ReferToHeader r)
                || !(r.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null) {
            return null;
        }
        RouteDecision d;
        try {
            d = provisioning.routing().route(new RouteRequest(call.calleeUser, null, uri.getUser(), Instant.now()));
        } catch (RuntimeException e) {
            return null;
        }
        if (d.outcome() != RouteDecision.Outcome.TARGET || d.emergency()) {
            return null;
        }
        Optional<CallTarget> target = provisioning.targets().apply(d.destination());
        return target.filter(provisioning.anchored())
                .map(t -> new Destination(d.destination(), uri.getUser(), t)).orElse(null);
    }

    /**
     * Offers the caller to the target in the codec they already send (the relay does not transcode); once it
     * answers, the relay sends the caller's media to it and the callee's leg ends. A refusal leaves the call as it
     * was, the callee's phone told why. Holds the call's monitor.
     */
    void hand(Call call, ServerTransaction tx, Destination to) throws Exception {
        respond(tx, messages.createResponse(Response.ACCEPTED, tx.getRequest()));
        Dialog referrer = call.bDialog;
        SipProvider provider = call.bProvider;
        String by = call.calleeUser;
        byte[] callerOffer = call.codec == null ? null
                : Sdp.filter(call.aInvite.getRawContent(), List.of(call.codec));
        byte[] offer = media.body(call, true, callerOffer == null ? call.aInvite.getRawContent() : callerOffer);
        TargetAnswer answer;
        try {
            answer = to.target().offer(new TargetCall(call.id, call.caller, to.dialled(), call.did,
                    new String(offer, StandardCharsets.UTF_8), call.trunkIn, call.callerName, null, null, by));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call target " + to.name() + " failed on the transfer of call " + call.aCallId()
                    + ": " + e);
            answer = null;
        }
        if (answer == null || answer.status() != Response.OK || answer.sdpAnswer() == null) {
            int status = answer == null || answer.status() < 300 ? Response.SERVER_INTERNAL_ERROR : answer.status();
            LOG.log(Level.INFO, "Transfer of call " + call.aCallId() + " by " + by + " to " + to.dialled()
                    + " refused by the target: " + status + (answer == null ? "" : " " + answer.reason()));
            notify(referrer, provider, status, answer == null ? null : answer.reason());
            return;
        }
        byDialog.remove(referrer);
        call.bDialog = null;
        call.bTx = null;
        call.calleeUser = null;
        MediaAnchor.users(call);
        // answered by the target now as if the caller had dialled it: it may ring or redirect the call afresh
        call.redirected = false;
        call.redirectedFrom = null;
        call.agentRingSeconds = 0;
        call.noDivert = false;
        call.callTarget = to.target();
        call.target = "target:" + to.name();
        byte[] sdp = answer.sdpAnswer().getBytes(StandardCharsets.UTF_8);
        call.targetAnswer = sdp;
        call.codec = Sdp.firstCodec(sdp);
        call.streams = Sdp.streams(sdp);
        // the relay sends the caller's media to the target from now on; the caller's re-offers get its side of it
        call.targetSdp = media.body(call, false, sdp);
        call.serviceTags.put("transferredBy", by);
        LOG.log(Level.INFO, "Call " + call.aCallId() + " transferred by " + by + " to " + to.dialled());
        notify(referrer, provider, Response.OK, "OK");
        bye(referrer, provider);
    }

    /** Tells the transferring phone how its REFER ended: the implicit subscription ends with it. */
    private void notify(Dialog dialog, SipProvider provider, int status, String reason) {
        try {
            Request notify = legs.advertised(dialog.createRequest(Request.NOTIFY));
            notify.addHeader(headers.createEventHeader("refer"));
            SubscriptionStateHeader state = headers.createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
            state.setReasonCode("noresource");
            notify.addHeader(state);
            String line = "SIP/2.0 " + status + " " + (reason == null ? "Transfer refused" : reason) + "\r\n";
            notify.setContent(line.getBytes(StandardCharsets.US_ASCII),
                    headers.createContentTypeHeader("message", "sipfrag"));
            ClientTransaction ct = provider.getNewClientTransaction(notify);
            ladders.sent(notify);
            dialog.sendRequest(ct);
        } catch (SipException | ParseException e) {
            LOG.log(Level.DEBUG, "Cannot tell the transfer's outcome: " + e.getMessage());
        }
    }
}
