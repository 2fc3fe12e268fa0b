package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import javax.sdp.SdpException;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.media.api.Leg;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.stack.DisplayNames;
import io.switchboard.sip.stack.PacketSource;

/**
 * Directed call pickup: a user dials the pickup prefix and a colleague's extension ({@code **201})
 * while that colleague's phones ring, and takes the call. The ringing phones get CANCEL with
 * "Call completed elsewhere" (RFC 3326), so they log no missed call; the caller's INVITE and the
 * picker's are both answered, each with the other's media (the relay's when the call is anchored),
 * and the picker's dialog becomes the call's leg B. The call keeps one record, answered.
 */
final class CallPickup extends CallPart {

    private final String prefix;

    /** @param prefix what a pickup dials before the extension, or empty when pickup is off */
    CallPickup(CallPart shared, String prefix) {
        super(shared);
        this.prefix = prefix;
    }

    /** @return whether the dialled string asks for a pickup */
    boolean wanted(String dialled) {
        return !prefix.isEmpty() && dialled.length() > prefix.length() && dialled.startsWith(prefix);
    }

    /** The picker's INVITE, authenticated as {@code picker}: it takes the oldest call ringing for the extension. */
    void pickUp(RequestEvent event, ServerTransaction tx, String picker, String dialled) throws Exception {
        Request invite = event.getRequest();
        String extension = dialled.substring(prefix.length());
        RouteDecision d = provisioning.routing().route(new RouteRequest(picker, null, extension, Instant.now()));
        String user = d.outcome() == RouteDecision.Outcome.USER ? d.destination() : extension;
        if (invite.getRawContent() == null || invite.getRawContent().length == 0) {
            reply(tx, invite, Response.NOT_ACCEPTABLE_HERE, "A pickup needs an SDP offer");
            return;
        }
        for (int tries = 0; tries < 3; tries++) {
            Optional<Call> ringing = ringing(user, picker);
            if (ringing.isEmpty()) {
                break;
            }
            Call call = ringing.get();
            synchronized (call) {
                if (stillRinging(call, user)) {
                    take(call, event, tx, picker, user);
                    return;
                }
            }
        }
        reply(tx, invite, Response.TEMPORARILY_UNAVAILABLE, "No call ringing for " + extension);
    }

    /** The oldest call whose phones ring for the user, not one the picker made itself. */
    private Optional<Call> ringing(String user, String picker) {
        return calls.values().stream().filter(c -> stillRinging(c, user))
                .filter(c -> c.trunkIn != null || !picker.equals(c.caller)).min(Comparator.comparing(c -> c.start));
    }

    private static boolean stillRinging(Call c, String user) {
        return user.equals(c.calleeUser) && c.pickedUpFrom == null && c.callTarget == null && c.bTx != null
                && (c.state == Call.State.SETUP || c.state == Call.State.EARLY);
    }

    /** Holds the call's monitor. */
    private void take(Call call, RequestEvent event, ServerTransaction tx, String picker, String user)
            throws Exception {
        Request invite = event.getRequest();
        if (call.lateOffer) {
            reply(tx, invite, Response.NOT_ACCEPTABLE_HERE, "The ringing call has no offer to join");
            return;
        }
        byte[] toB = call.bTx.getRequest().getRawContent();
        SrtpPolicy.End pickerEnd = new SrtpPolicy.End("user " + picker,
                provisioning.policies().apply(picker).mediaEncryption(), PacketSource.cameOverTls(invite));
        byte[] forPicker;
        byte[] asAnswer;
        try {
            forPicker = SdpJoin.answer(invite.getRawContent(), toB);
            asAnswer = SdpJoin.answer(toB, invite.getRawContent());
        } catch (SdpException e) {
            reply(tx, invite, Response.BAD_REQUEST, "Unreadable SDP: " + e.getMessage());
            return;
        }
        if (forPicker == null || asAnswer == null) {
            reply(tx, invite, Response.NOT_ACCEPTABLE_HERE, "No codec in common with the ringing call");
            return;
        }
        SipProvider provider = (SipProvider) event.getSource();
        Dialog dialog = provider.getNewDialog(tx);
        stopRinging(call);
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        if (call.bDialog != null) {
            byDialog.remove(call.bDialog);
        }
        call.bTx = null;
        call.bProvider = provider;
        call.bDialog = dialog;
        call.bCallId = callId;
        call.bAcked = true; // the picker acknowledges our answer; there is nothing to acknowledge on its side
        call.mainDone = true;
        call.pickedUpFrom = user;
        call.calleeUser = picker;
        MediaAnchor.users(call);
        PacketSource from = PacketSource.of(invite);
        call.target = from.transport() + ":" + from.host() + ":" + from.port() + " (pickup by " + picker + ")";
        byDialog.put(dialog, call);
        ladders.leg(call.aCallId(), callId);
        ladders.received(invite);
        events.post(SipEvents.CALL_PICKED_UP, call);
        call.endB = pickerEnd;
        MediaAnchor.heardFrom(call, Leg.B, PacketSource.of(invite).host());
        // the relay learns the picker's address from the answer made of its offer, as from a callee's answer
        byte[] forCaller = SrtpPolicy.crossing(media.body(call, false, asAnswer), call.endB, call.endA);
        forPicker = SrtpPolicy.crossing(forPicker, call.endA, call.endB);
        leaveSetup(call);
        call.state = Call.State.ANSWERED;
        call.answer = Instant.now();
        if (call.ring == null) {
            call.ring = call.answer;
        }
        if (call.media != null) {
            call.media.answered();
        }
        sessionTimers.answered(call, null);
        call.sipCode = Response.OK;
        call.codec = Sdp.firstCodec(forCaller);
        call.streams = Sdp.streams(forCaller);
        call.encrypted = SrtpPolicy.encrypted(forCaller);
        Response toPicker = messages.createResponse(Response.OK, invite);
        ((ToHeader) toPicker.getHeader(ToHeader.NAME)).setTag(tag());
        toPicker.addHeader(legs.contactFor(invite, provider, call.sips()));
        toPicker.setContent(forPicker, headers.createContentTypeHeader("application", "sdp"));
        identify(toPicker, call.callerName, call.caller, invite);
        Response toCaller = messages.createResponse(Response.OK, call.aInvite);
        toCaller.setContent(forCaller, headers.createContentTypeHeader("application", "sdp"));
        identify(toCaller, null, picker, call.aInvite);
        journal.answered(record(call, Disposition.ANSWERED)).whenComplete((committed, failure) -> {
            answerPicker(call, tx, toPicker);
            relay.relayAnswer(call, toCaller);
        });
        LOG.log(Level.INFO, "Call " + call.aCallId() + " for " + user + " picked up by " + picker);
    }

    /** Stops the callee's phones: every branch gets CANCEL with the reason that keeps it off their missed calls. */
    private void stopRinging(Call call) {
        cancelTimer(call);
        cancelElsewhere(call.bTx, call.bProvider);
        for (Call.Fork f : call.forks) {
            if (!f.done) {
                f.done = true;
                cancelElsewhere(f.ct, f.provider);
            }
        }
    }

    /** Who is at the other end, for phones that show it (P-Asserted-Identity from a trusted switch). */
    private void identify(Response r, String name, String user, Request request) {
        try {
            String domain = request.getRequestURI() instanceof SipURI u ? u.getHost() : "invalid";
            Address who = addresses.createAddress(addresses.createSipURI(user, domain));
            if (name != null) {
                who.setDisplayName(DisplayNames.quoted(name));
            }
            r.addHeader(headers.createHeader("P-Asserted-Identity", who.toString()));
        } catch (ParseException e) {
            LOG.log(Level.DEBUG, "No identity on a pickup's answer: " + e.getMessage());
        }
    }

    private void answerPicker(Call call, ServerTransaction tx, Response ok) {
        synchronized (call) {
            try {
                if (call.state != Call.State.ANSWERED) {
                    reply(tx, tx.getRequest(), Response.TEMPORARILY_UNAVAILABLE, "The caller hung up");
                    return;
                }
                respond(tx, ok);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Cannot answer the pickup of call " + call.aCallId() + ": " + e);
            }
        }
    }
}
