package io.switchboard.sip.core.internal.call;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.trunk.Trunks;

/**
 * Click-to-call, RFC 3725's third-party call control with the switch as controller: the user's
 * phone is called first, with the relay's offer and the number it is for in From; once it answers,
 * the call goes on as if the user had dialled the number (routing, class of service, caller ID, the
 * relay), its answer becoming leg A's offer. Leg A is the switch's own client dialog, so the parts
 * that answer a caller's INVITE skip it ({@link Call#originated}).
 */
final class CallOriginate extends CallPart {

    /** The user's leg while it rings: the client transaction's application data. */
    record UserLeg(Call call) {
    }

    /** Where the relay's offer to the user's phone points the other side: nowhere yet (held). */
    private static final String HELD = "v=0\r\no=switchboard 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP %s 101\r\n%sa=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    CallOriginate(CallPart shared) {
        super(shared);
    }

    /** @return the call's id; its user's phone rings */
    String connect(String user, String number, String name) {
        if (user == null || user.isBlank() || number == null || number.isBlank()) {
            throw new IllegalArgumentException("Give the user whose phone rings first and the number to call");
        }
        if (media.relay() == null) {
            throw new IllegalArgumentException("Click-to-call joins the two calls through the media relay, which is "
                    + "not installed");
        }
        RouteDecision d = provisioning.routing().route(new RouteRequest(user, null, number, Instant.now()));
        if (d.outcome() == RouteDecision.Outcome.REJECTED) {
            throw new IllegalArgumentException(user + " may not call " + number + ": " + (d.reasons().isEmpty()
                    ? d.status() : d.reasons().get(d.reasons().size() - 1)));
        }
        CallHunt groups = setup.hunt;
        if (d.outcome() == RouteDecision.Outcome.TARGET && (groups != null && groups.isGroup(d.destination())
                || d.destination().startsWith(CallHunt.MAILBOX))) {
            throw new IllegalArgumentException(number + " is a ring group or a mailbox: click-to-call rings a user, a "
                    + "number, a room or an announcement");
        }
        List<SipStore.Binding> bindings = store.bindings(user, Instant.now());
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException(user + " has no phone registered");
        }
        try {
            return ring(user, number, name, bindings.get(0), d);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot call " + user + "'s phone: " + LegEnds.why(e), e);
        }
    }

    private String ring(String user, String number, String name, SipStore.Binding phone, RouteDecision d)
            throws Exception {
        URI target = legs.reachable(phone);
        String transport = LegAddresses.transport(target);
        SipProvider provider = providers.apply(transport);
        if (provider == null) {
            throw new IllegalArgumentException("no " + transport + " listening point for " + user + "'s phone");
        }
        ListeningPoint lp = provider.getListeningPoint(transport);
        String peer = target instanceof javax.sip.address.SipURI s ? s.getHost() : null;
        String us = legs.host(lp, peer);
        CallIdHeader callId = headers.createCallIdHeader(Trunks.newCallId(us));
        String shown = d.e164() != null ? d.e164() : number;
        // leg A as the rest of the B2BUA reads it: the user calling the number, with the phone's answer as offer
        Request asDialled = messages.createRequest(addresses.createURI("sip:" + shown + "@" + us), Request.INVITE,
                callId, headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(addresses.createAddress(addresses.createSipURI(user, us)), tag()),
                headers.createToHeader(addresses.createAddress(addresses.createSipURI(shown, us)), null),
                List.of(headers.createViaHeader(sourceHost(phone, peer), lp.getPort(), transport, null)),
                headers.createMaxForwardsHeader(70));
        asDialled.setContent(held("0 8"), headers.createContentTypeHeader("application", "sdp"));
        Call call = new Call(UUID.randomUUID().toString(), asDialled, null, provider, null, tag(), user, null, number);
        call.originated = true;
        call.noDivert = true; // the number's voicemail may answer; the user's never
        call.callerE164 = e164.apply(provisioning.numbers().numberOf(user).orElse(user));
        call.serviceTags.put("clickToCall", name == null ? shown : shown + " " + name);
        byte[] offer = media.originate(call, held(codecs(d)));

        Address from = addresses.createAddress(addresses.createSipURI(shown, us));
        if (name != null && !name.isBlank()) {
            from.setDisplayName(DisplayNames.quoted(DisplayNames.plain(name)));
        }
        Request invite = messages.createRequest(target, Request.INVITE, callId, headers.createCSeqHeader(1L,
                Request.INVITE), headers.createFromHeader(from, tag()), headers.createToHeader(
                        addresses.createAddress(addresses.createSipURI(user, us)), null),
                List.of(headers.createViaHeader(us, lp.getPort(), transport, null)), headers.createMaxForwardsHeader(70));
        invite.addHeader(legs.contact(us, lp.getPort(), transport, false));
        invite.addHeader(headers.createAllowHeader(io.switchboard.sip.core.internal.dispatch.InitialRequestDispatcher.ALLOW));
        invite.setContent(offer, headers.createContentTypeHeader("application", "sdp"));
        ClientTransaction ct = provider.getNewClientTransaction(invite);
        synchronized (call) {
            call.aDialog = provider.getNewDialog(ct);
            call.userLeg = ct;
            calls.put(call.id, call);
            byDialog.put(call.aDialog, call);
            byACallId.put(call.aCallId(), call);
            ct.setApplicationData(new UserLeg(call));
        }
        ladders.open(call.aCallId(), invite, "switchboard (click-to-call)");
        events.post(SipEvents.CALL_STARTED, call);
        ct.sendRequest();
        call.ringTimer = timer.schedule(() -> unanswered(call), limits.ringTimeoutSeconds(), TimeUnit.SECONDS);
        return call.id;
    }

    /** The user's phone answered, refused or rings. Holds the call's monitor. */
    void response(UserLeg leg, ResponseEvent event) throws Exception {
        Call call = leg.call();
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        if (status < 300) {
            Dialog d = event.getDialog();
            ackAnswer(d, r);
            if (call.state != Call.State.SETUP || call.bTx != null) {
                bye(d, call.aProvider); // answered after the switch gave up on it
                return;
            }
            cancelTimer(call);
            call.aInvite.setContent(r.getRawContent(), headers.createContentTypeHeader("application", "sdp"));
            setup.follow(call, provisioning.routing().route(new RouteRequest(call.caller, null, call.callee,
                    Instant.now())), 70);
            return;
        }
        if (call.state != Call.State.ENDED) {
            ended(call, status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE ? Disposition.BUSY
                    : Disposition.FAILED, status, call.caller + "'s phone answered " + status + " " + r.getReasonPhrase());
        }
    }

    private void unanswered(Call call) {
        synchronized (call) {
            if (call.state == Call.State.SETUP && call.bTx == null) {
                cancelTx(call.userLeg, call.aProvider);
                ended(call, Disposition.NO_ANSWER, Response.REQUEST_TERMINATED, call.caller + " did not answer");
            }
        }
    }

    private void ended(Call call, Disposition disposition, int status, String reason) {
        call.sipCode = status;
        call.reason = reason;
        call.disposition = disposition;
        call.hangupSide = HangupSide.SYSTEM;
        call.end = Instant.now();
        teardown.finish(call);
    }

    /** @return the payload numbers the user's phone is offered: the first trunk's codecs (a relay does not transcode) */
    private String codecs(RouteDecision d) {
        if (d.outcome() == RouteDecision.Outcome.TRUNKS && !d.trunks().isEmpty()) {
            List<String> allowed = provisioning.trunks().trunk(d.trunks().get(0).trunk())
                    .map(io.switchboard.sip.api.provisioning.Trunk::codecs).orElse(List.of());
            StringBuilder sb = new StringBuilder();
            for (String c : allowed) {
                String pt = switch (c.toUpperCase(java.util.Locale.ROOT)) {
                    case "PCMU" -> "0";
                    case "PCMA" -> "8";
                    case "G722" -> "9";
                    default -> null;
                };
                if (pt != null) {
                    sb.append(sb.isEmpty() ? "" : " ").append(pt);
                }
            }
            if (!sb.isEmpty()) {
                return sb.toString();
            }
        }
        return "0 8";
    }

    private static byte[] held(String payloads) {
        StringBuilder maps = new StringBuilder();
        for (String pt : payloads.split(" ")) {
            maps.append("a=rtpmap:").append(pt).append(switch (pt) {
                case "0" -> " PCMU/8000";
                case "8" -> " PCMA/8000";
                default -> " G722/8000";
            }).append("\r\n");
        }
        return String.format(HELD, payloads, maps).getBytes(StandardCharsets.UTF_8);
    }

    /** @return where the phone's packets come from (its registration's source), so that only it may latch */
    private static String sourceHost(SipStore.Binding b, String fallback) {
        String s = b.source();
        if (s != null && s.indexOf(':') > 0 && s.lastIndexOf(':') > s.indexOf(':')) {
            return s.substring(s.indexOf(':') + 1, s.lastIndexOf(':'));
        }
        return fallback != null ? fallback : "127.0.0.1";
    }
}
