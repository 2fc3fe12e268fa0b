package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.core.internal.dispatch.InitialRequestDispatcher;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.trunk.Trunks;
import io.switchboard.sip.stack.DisplayNames;

/**
 * Click-to-call, RFC 3725's third-party call control with the switch as controller: the user's
 * phone is called first, with the relay's offer and the number it is for in From; once it answers,
 * the call goes on as if the user had dialled the number (routing, class of service, caller ID, the
 * relay), its answer becoming leg A's offer. Leg A is the switch's own client dialog, so the parts
 * that answer a caller's INVITE skip it ({@link Call#originated}).
 */
final class CallOriginate extends CallPart {

    /** One of the user's phones while it rings: its client transaction's application data. */
    record UserLeg(Call call, SipProvider provider, Dialog dialog, String source) {
    }

    /** A phone of the user's that can be rung: where, over which provider, from which of our addresses. */
    private record Phone(SipStore.Binding binding, URI target, String transport, SipProvider provider, ListeningPoint lp,
            String us) {
    }

    /** Where the relay's offer to the user's phone points the other side: nowhere yet (held). */
    private static final String HELD = "v=0\r\no=switchboard 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP %s 101\r\n%sa=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
    /** A user's phones rung at once, at most (a desk phone, a softphone, a mobile app...). */
    private static final int MAX_PHONES = 10;

    CallOriginate(CallPart shared) {
        super(shared);
    }

    /** @return the call's id; its user's phones ring */
    String connect(String user, String number, String name) {
        if (media.relay() == null) {
            throw new IllegalArgumentException("Click-to-call joins the two calls through the media relay, which is "
                    + "not installed");
        }
        Judged judged = judge(user, number);
        if (judged.refusal() != null) {
            throw new IllegalArgumentException(judged.refusal());
        }
        RouteDecision d = judged.decision();
        List<SipStore.Binding> bindings = store.bindings(user, Instant.now());
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException(user + " has no phone registered");
        }
        List<Phone> phones = phones(user, bindings);
        try {
            Call call = call(user, number, name, phones.get(0), d);
            byte[] offer = media.originate(call, held(codecs(d)));
            PushWake wake = setup.push; // set on the setup when push is installed
            if (wake != null && wake.sleeping(bindings)) {
                waking(wake, call, user, name, bindings, offer);
            } else {
                ring(call, user, name, phones, offer);
            }
            return call.id;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot call " + user + "'s phone: " + LegEnds.why(e), e);
        }
    }

    /** A destination of the API judged: why it is refused, else the decision the call follows. */
    private record Judged(String refusal, RouteDecision decision) {
    }

    /** @return why a click-to-call, callback or scheduled call of the user to the number is refused, or null */
    String refusal(String user, String number) {
        return judge(user, number).refusal();
    }

    /**
     * The API's destinations are numbers and users, judged as the user dialling them: never a feature code
     * (a token that may place calls would change the user's forwarding with {@code *72}), never an
     * emergency number (it would leave as an ordinary call, without the location and the site's alert).
     */
    private Judged judge(String user, String number) {
        if (user == null || user.isBlank() || number == null || number.isBlank()) {
            return new Judged("Give the user whose phone rings first and the number to call", null);
        }
        if (number.indexOf('*') >= 0 || number.indexOf('#') >= 0 || number.indexOf('%') >= 0) {
            // %2A is a * once the number stands in a SIP address
            return new Judged(number + " is a feature code or holds an escape: calls placed through the API go to "
                    + "numbers and users only", null);
        }
        RouteDecision d = provisioning.routing().route(new RouteRequest(user, null, number, Instant.now()));
        if (d.emergency()) {
            return new Judged(number + " is an emergency number: an emergency call is placed from a phone, which "
                    + "sends its location", null);
        }
        if (d.outcome() == RouteDecision.Outcome.REJECTED) {
            return new Judged(user + " may not call " + number + ": " + (d.reasons().isEmpty()
                    ? d.status() : d.reasons().get(d.reasons().size() - 1)), d);
        }
        CallHunt groups = setup.hunt;
        if (d.outcome() == RouteDecision.Outcome.TARGET && (groups != null && groups.isGroup(d.destination())
                || d.destination().startsWith(CallHunt.MAILBOX))) {
            return new Judged(number + " is a ring group or a mailbox: click-to-call rings a user, a number, a room "
                    + "or an announcement", d);
        }
        return new Judged(null, d);
    }

    /** @return the phones of the bindings that can be rung; one whose connection is gone is passed over */
    private List<Phone> phones(String user, List<SipStore.Binding> bindings) {
        List<Phone> phones = new ArrayList<>();
        String why = null;
        for (SipStore.Binding b : bindings.subList(0, Math.min(MAX_PHONES, bindings.size()))) {
            try {
                phones.add(phone(b));
            } catch (Exception e) {
                why = LegEnds.why(e);
            }
        }
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("Cannot call " + user + "'s phone: " + why);
        }
        return phones;
    }

    private Phone phone(SipStore.Binding b) throws Exception {
        URI target = legs.reachable(b);
        String transport = LegAddresses.transport(target);
        SipProvider provider = providers.apply(transport);
        if (provider == null) {
            throw new IllegalArgumentException("no " + transport + " listening point for " + b.contact());
        }
        ListeningPoint lp = provider.getListeningPoint(transport);
        String peer = target instanceof SipURI u ? u.getHost() : null;
        return new Phone(b, target, transport, provider, lp, legs.host(lp, peer));
    }

    /** @return the click-to-call as the rest of the B2BUA reads it: the user calling the number (leg A) */
    private Call call(String user, String number, String name, Phone first, RouteDecision d) throws Exception {
        String us = first.us();
        CallIdHeader callId = headers.createCallIdHeader(Trunks.newCallId(us));
        String shown = d.e164() != null ? d.e164() : number;
        // leg A as the rest of the B2BUA reads it: the user calling the number, with the phone's answer as offer
        Request asDialled = messages.createRequest(addresses.createURI("sip:" + shown + "@" + us), Request.INVITE,
                callId, headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(addresses.createAddress(addresses.createSipURI(user, us)), tag()),
                headers.createToHeader(addresses.createAddress(addresses.createSipURI(shown, us)), null),
                List.of(headers.createViaHeader(sourceHost(first), first.lp().getPort(), first.transport(), null)),
                headers.createMaxForwardsHeader(70));
        asDialled.setContent(held("0 8"), headers.createContentTypeHeader("application", "sdp"));
        Call call = new Call(UUID.randomUUID().toString(), asDialled, null, first.provider(), null, tag(), user, null,
                number);
        call.originated = true;
        call.noDivert = true; // the number's voicemail may answer; the user's never
        call.callerE164 = e164.apply(provisioning.numbers().numberOf(user).orElse(user));
        call.serviceTags.put("clickToCall", name == null ? shown : shown + " " + name);
        return call;
    }

    /**
     * A phone of the user sleeps behind a push service: the call waits in setup, listed and ended
     * as any other, while the phone is woken; then the user's phones ring as they are registered by
     * then (or as they were, when none registered again within the wait).
     */
    private void waking(PushWake wake, Call call, String user, String name, List<SipStore.Binding> bindings,
            byte[] offer) {
        call.push = "waking";
        calls.put(call.id, call);
        byACallId.put(call.aCallId(), call);
        events.post(SipEvents.CALL_STARTED, call);
        wake.wake(user, bindings, call.id, "call", o -> {
            call.push = o.tag();
            call.pushMillis = o.millis();
            try {
                List<SipStore.Binding> now = store.bindings(user, Instant.now());
                ring(call, user, name, phones(user, now.isEmpty() ? bindings : now), offer);
            } catch (Exception | LinkageError e) {
                synchronized (call) {
                    if (call.state != Call.State.ENDED) {
                        ended(call, Disposition.FAILED, Response.TEMPORARILY_UNAVAILABLE, e instanceof
                                IllegalArgumentException ? e.getMessage() : "Cannot call " + user + "'s phone: "
                                        + LegEnds.why(e));
                    }
                }
            }
        });
    }

    /** Rings the user's phones with the relay's offer and the number (and its name) shown; the first answer has it. */
    private void ring(Call call, String user, String name, List<Phone> phones, byte[] offer) throws Exception {
        String shown = ((SipURI) call.aInvite.getRequestURI()).getUser();
        CallIdHeader callId = (CallIdHeader) call.aInvite.getHeader(CallIdHeader.NAME);
        boolean started = calls.containsKey(call.id);
        List<ClientTransaction> sent = new ArrayList<>();
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return; // ended by the API while the phone woke
            }
            // every phone rings with one Call-ID, each in a dialog of its own (its From tag): the first to answer has it
            for (Phone p : phones) {
                Request invite = invite(p, user, shown, name, callId, offer);
                ClientTransaction ct = p.provider().getNewClientTransaction(invite);
                Dialog dialog = p.provider().getNewDialog(ct);
                ct.setApplicationData(new UserLeg(call, p.provider(), dialog, sourceHost(p)));
                if (call.aDialog == null) {
                    call.aDialog = dialog;
                    calls.put(call.id, call);
                    byACallId.put(call.aCallId(), call);
                    ladders.open(call.aCallId(), invite, "switchboard (click-to-call)");
                } else {
                    ladders.sent(invite);
                }
                byDialog.put(dialog, call);
                call.userLegs.add(ct);
                sent.add(ct);
            }
        }
        if (!started) {
            events.post(SipEvents.CALL_STARTED, call);
        }
        for (ClientTransaction ct : sent) {
            try {
                ct.sendRequest();
            } catch (Exception e) {
                LOG.log(Level.INFO, "Cannot ring " + user + " at " + ct.getRequest().getRequestURI() + ": "
                        + LegEnds.why(e));
            }
        }
        call.ringTimer = timer.schedule(() -> unanswered(call), limits.ringTimeoutSeconds(), TimeUnit.SECONDS);
    }

    private Request invite(Phone p, String user, String shown, String name, CallIdHeader callId, byte[] offer)
            throws Exception {
        Address from = addresses.createAddress(addresses.createSipURI(shown, p.us()));
        if (name != null && !name.isBlank()) {
            from.setDisplayName(DisplayNames.quoted(DisplayNames.plain(name)));
        }
        String transport = p.transport();
        Request invite = messages.createRequest(p.target(), Request.INVITE, callId, headers.createCSeqHeader(1L,
                Request.INVITE), headers.createFromHeader(from, tag()), headers.createToHeader(
                        addresses.createAddress(addresses.createSipURI(user, p.us())), null),
                List.of(headers.createViaHeader(p.us(), p.lp().getPort(), transport, null)),
                headers.createMaxForwardsHeader(70));
        invite.addHeader(legs.contact(p.us(), p.lp().getPort(), transport, false));
        invite.addHeader(headers.createAllowHeader(InitialRequestDispatcher.ALLOW));
        invite.setContent(offer, headers.createContentTypeHeader("application", "sdp"));
        return invite;
    }

    /**
     * One of the user's phones answered, refused or rings. The first answer takes the call and the
     * others stop ringing; the call fails only when every phone has refused. Holds the call's monitor.
     */
    void response(UserLeg leg, ResponseEvent event) throws Exception {
        Call call = leg.call();
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        boolean ringing = call.userLegs.remove(event.getClientTransaction());
        if (status < 300) {
            Dialog d = event.getDialog();
            ackAnswer(d, r);
            if (!ringing || call.state != Call.State.SETUP || call.bTx != null) {
                bye(d, leg.provider()); // answered after another phone, or after the switch gave up on it
                byDialog.remove(d);
                return;
            }
            cancelTimer(call);
            stopRinging(call, event.getClientTransaction());
            if (d != call.aDialog) {
                byDialog.remove(call.aDialog);
                byDialog.put(d, call);
                call.aDialog = d;
                call.aProvider = leg.provider();
            }
            // where the answering phone's packets come from, the only place its media may latch from
            ViaHeader via = (ViaHeader) call.aInvite.getHeader(ViaHeader.NAME);
            via.setHost(leg.source());
            call.aInvite.setContent(r.getRawContent(), headers.createContentTypeHeader("application", "sdp"));
            setup.follow(call, () -> provisioning.routing().route(new RouteRequest(call.caller, null, call.callee,
                    Instant.now())), 70);
            return;
        }
        if (!ringing) {
            return; // a phone stopped because another answered, or the call ended
        }
        byDialog.remove(leg.dialog());
        boolean busy = status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE || status == Response.DECLINE;
        if (busy) {
            call.sipCode = status; // a phone that declined says more than one that failed
        }
        if (call.userLegs.isEmpty() && call.state != Call.State.ENDED) {
            int last = call.sipCode > 0 ? call.sipCode : status;
            cancelTimer(call);
            ended(call, last == Response.BUSY_HERE || last == Response.BUSY_EVERYWHERE ? Disposition.BUSY
                    : Disposition.FAILED, last, call.caller + "'s phone answered " + last + " "
                    + (last == status ? r.getReasonPhrase() : "(busy)"));
        }
    }

    private void unanswered(Call call) {
        synchronized (call) {
            if (call.state == Call.State.SETUP && call.bTx == null) {
                stopRinging(call, null);
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
                    .map(Trunk::codecs).orElse(List.of());
            StringBuilder sb = new StringBuilder();
            for (String c : allowed) {
                String pt = switch (c.toUpperCase(Locale.ROOT)) {
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
    private static String sourceHost(Phone p) {
        String fallback = p.target() instanceof SipURI u ? u.getHost() : null;
        String s = p.binding().source();
        if (s != null && s.indexOf(':') > 0 && s.lastIndexOf(':') > s.indexOf(':')) {
            return s.substring(s.indexOf(':') + 1, s.lastIndexOf(':'));
        }
        return fallback != null ? fallback : "127.0.0.1";
    }
}
