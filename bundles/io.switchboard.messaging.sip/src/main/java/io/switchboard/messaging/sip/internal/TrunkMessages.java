package io.switchboard.messaging.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.messaging.api.TextMessage;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.handler.api.PendingRequest;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.sip.handler.api.Way;

/**
 * Sends a text message out through the trunks of its route, in the route's order, as a call goes:
 * the sender's number (or the trunk's fixed caller ID) in From, the carrier's challenge answered
 * once with the trunk's account. A trunk that is down or does not answer, or answers 408 or 5xx,
 * passes the message to the next; any other answer is the carrier's word and final.
 */
public final class TrunkMessages {

    private static final Logger LOG = System.getLogger(TrunkMessages.class.getName());

    /** How a message to the trunks ended: the status, the trunk that gave it, and each trunk tried. */
    public record Outcome(int status, String trunk, List<String> attempts) {
    }

    private final SwitchFacilities sip;
    private final TrunkService provisioning;

    public TrunkMessages(SwitchFacilities sip, TrunkService provisioning) {
        this.sip = sip;
        this.provisioning = provisioning;
    }

    /**
     * @param message the message, its {@code to} the number as the trunk is sent it
     * @param choices the route's trunks, in order
     * @param fromNumber the sender's own number, E.164 where it has one
     */
    CompletableFuture<Outcome> send(TextMessage message, List<TrunkChoice> choices, String fromNumber) {
        Attempt a = new Attempt(message, fromNumber);
        choices.forEach(c -> {
            if (c.usable()) {
                a.candidates.add(c.trunk());
            } else {
                a.attempts.add(c.trunk() + ": " + c.why());
            }
        });
        next(a);
        return a.done;
    }

    private void next(Attempt a) {
        while (!a.candidates.isEmpty()) {
            String name = a.candidates.poll();
            String problem = sip.trunkUnusable(name);
            Optional<Trunk> trunk = provisioning.trunk(name);
            if (problem != null || trunk.isEmpty()) {
                a.attempts.add(name + ": " + (problem == null ? "removed" : problem));
                continue;
            }
            if (a.message.body().length > MessageRelay.MAX_BODY && "udp".equals(trunk.get().transport())) {
                a.attempts.add(name + ": a message of " + a.message.body().length + " bytes is too large for its UDP");
                a.last = Response.MESSAGE_TOO_LARGE;
                continue;
            }
            try {
                sendTo(a, trunk.get(), request(a, trunk.get()), false);
                return;
            } catch (Exception e) {
                a.attempts.add(name + ": " + e.getMessage());
                LOG.log(Level.DEBUG, "Cannot send a message through trunk " + name + ": " + e);
            }
        }
        a.done.complete(new Outcome(a.last == 0 ? Response.SERVICE_UNAVAILABLE : a.last, null, List.copyOf(a.attempts)));
    }

    private void sendTo(Attempt a, Trunk t, Request r, boolean answered) throws Exception {
        ClientTransaction ct = sip.provider(t.transport()).getNewClientTransaction(r);
        ct.setApplicationData(new PendingRequest() {
            @Override
            public void response(ResponseEvent event) {
                answer(a, t, r, event.getResponse(), answered);
            }

            @Override
            public void timeout() {
                sip.trunkUnanswered(t.name());
                failed(a, t, Response.REQUEST_TIMEOUT, "no answer");
            }
        });
        ct.sendRequest();
    }

    private void answer(Attempt a, Trunk t, Request sent, Response r, boolean answered) {
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && !answered) {
            try {
                Request again = (Request) sent.clone();
                again.removeHeader(ViaHeader.NAME);
                again.addHeader(via(sip.way(sent.getRequestURI())));
                CSeqHeader cseq = (CSeqHeader) again.getHeader(CSeqHeader.NAME);
                cseq.setSeqNumber(cseq.getSeqNumber() + 1);
                sip.authorize(again, r, t);
                sendTo(a, t, again, true);
            } catch (Exception e) {
                failed(a, t, status, "cannot answer the carrier's challenge: " + e.getMessage());
            }
            return;
        }
        if (status / 100 == 2) {
            a.attempts.add(t.name() + ": " + status + " " + r.getReasonPhrase());
            a.done.complete(new Outcome(status, t.name(), List.copyOf(a.attempts)));
        } else if (status == Response.REQUEST_TIMEOUT || status / 100 == 5) {
            failed(a, t, status, status + " " + r.getReasonPhrase());
        } else {
            a.attempts.add(t.name() + ": " + status + " " + r.getReasonPhrase());
            a.done.complete(new Outcome(status, t.name(), List.copyOf(a.attempts)));
        }
    }

    private void failed(Attempt a, Trunk t, int status, String why) {
        a.attempts.add(t.name() + ": " + why);
        a.last = status;
        next(a);
    }

    private Request request(Attempt a, Trunk t) throws Exception {
        AddressFactory addresses = sip.addresses();
        HeaderFactory headers = sip.headers();
        SipURI target = addresses.createSipURI(a.message.to(), t.host());
        target.setPort(t.port());
        if (!"udp".equals(t.transport())) {
            target.setTransportParam(t.transport());
        }
        Way way = sip.way(target);
        String us = way.host();
        String number = t.callerId() != null ? t.callerId() : a.fromNumber;
        Address from = addresses.createAddress(addresses.createSipURI(number, us));
        if (t.callerId() == null && a.message.fromName() != null && !a.message.fromName().isBlank()) {
            from.setDisplayName(a.message.fromName());
        }
        List<ViaHeader> via = new ArrayList<>(List.of(via(way)));
        Request r = sip.messages().createRequest(target, Request.MESSAGE, headers.createCallIdHeader(sip.newCallId(us)),
                headers.createCSeqHeader(1L, Request.MESSAGE),
                headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current()
                        .nextLong())), headers.createToHeader(addresses.createAddress(target), null), via,
                headers.createMaxForwardsHeader(70));
        if (t.pai()) {
            r.addHeader(headers.createHeader("P-Asserted-Identity", "<sip:" + number + "@" + us + ">"));
        }
        String[] type = a.message.contentType().split("/", 2);
        r.setContent(a.message.body(), headers.createContentTypeHeader(type[0], type.length > 1 ? type[1] : "plain"));
        return r;
    }

    private ViaHeader via(Way way) throws Exception {
        return sip.headers().createViaHeader(way.host(), way.point().getPort(), way.transport(), null);
    }

    /** One message on its way through the trunks. */
    private static final class Attempt {
        final TextMessage message;
        final String fromNumber;
        final Deque<String> candidates = new ArrayDeque<>();
        final List<String> attempts = new ArrayList<>();
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        int last;

        Attempt(TextMessage message, String fromNumber) {
            this.message = message;
            this.fromNumber = fromNumber;
        }
    }
}
