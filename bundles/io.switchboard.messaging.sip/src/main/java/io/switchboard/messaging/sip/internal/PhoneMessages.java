package io.switchboard.messaging.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.messaging.api.TextMessage;
import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.handler.api.PendingRequest;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.sip.handler.api.Way;

/**
 * Sends a text message to every registered phone of its user, each in a transaction of its own, and
 * tells the first 2xx, or else the answer that says most: a refusal of a phone (415, 603, ...)
 * before "not reachable" (408, 480, 503, no answer). A message that waited in the store carries
 * the time it was sent in a Date header, so that the phone shows when it was written.
 */
public final class PhoneMessages {

    private static final Logger LOG = System.getLogger(PhoneMessages.class.getName());

    private final SwitchFacilities sip;

    public PhoneMessages(SwitchFacilities sip) {
        this.sip = sip;
    }

    /** @return whether a status means no phone could take the message now, so it waits in the store */
    static boolean notReachable(int status) {
        return status == Response.REQUEST_TIMEOUT || status == Response.TEMPORARILY_UNAVAILABLE
                || status == Response.SERVICE_UNAVAILABLE || status == Response.SERVER_TIMEOUT;
    }

    /** @return completes with the status of the delivery (see the class comment), 480 without a phone */
    CompletableFuture<Integer> send(TextMessage message) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        List<PhoneBinding> phones = sip.phones(message.to());
        // a phone asleep behind a push service is woken first: the message goes once it registers again
        boolean woken = sip.wake(message.to(), phones, "message-" + message.id(), "message",
                () -> sendNow(message, sip.phones(message.to())).whenComplete((status, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(status);
                    }
                }));
        return woken ? done : sendNow(message, phones);
    }

    private CompletableFuture<Integer> sendNow(TextMessage message, List<PhoneBinding> phones) {
        Answers answers = new Answers(phones.size());
        if (phones.isEmpty()) {
            answers.done.complete(Response.TEMPORARILY_UNAVAILABLE);
        }
        for (PhoneBinding phone : phones) {
            try {
                sendTo(message, sip.reach(phone), answers);
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot send a message to " + message.to() + " at " + phone.contact() + ": " + e);
                // a phone that takes no TCP cannot take a message too large for UDP, now or later
                answers.add(message.body().length > MessageRelay.MAX_BODY ? Response.MESSAGE_TOO_LARGE
                        : Response.TEMPORARILY_UNAVAILABLE);
            }
        }
        return answers.done;
    }

    private void sendTo(TextMessage message, URI reached, Answers answers) throws Exception {
        URI target = reached;
        if (message.body().length > MessageRelay.MAX_BODY && "udp".equals(sip.way(reached).transport())
                && reached instanceof SipURI sip) {
            // too large for UDP (RFC 3261 18.1.1): over TCP to the same address, where phones listen too
            SipURI tcp = (SipURI) sip.clone();
            tcp.setTransportParam("tcp");
            target = tcp;
        }
        Way way = sip.way(target);
        AddressFactory addresses = sip.addresses();
        HeaderFactory headers = sip.headers();
        SipProvider provider = way.provider();
        ListeningPoint lp = way.point();
        String transport = way.transport();
        String us = way.host();
        List<ViaHeader> via = new ArrayList<>();
        via.add(headers.createViaHeader(us, lp.getPort(), transport, null));
        Address from = addresses.createAddress(addresses.createSipURI(message.from(), us));
        if (message.fromName() != null && !message.fromName().isBlank()) {
            from.setDisplayName(message.fromName());
        }
        Address to = addresses.createAddress(addresses.createSipURI(message.to(), us));
        Request r = sip.messages().createRequest(target, Request.MESSAGE,
                headers.createCallIdHeader(sip.newCallId(us)), headers.createCSeqHeader(1L, Request.MESSAGE),
                headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current()
                        .nextLong())), headers.createToHeader(to, null), via, headers.createMaxForwardsHeader(70));
        if (Duration.between(message.received(), Instant.now()).toSeconds() > 5) {
            Calendar sent = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
            sent.setTime(Date.from(message.received()));
            r.addHeader(headers.createDateHeader(sent));
        }
        String[] type = message.contentType().split("/", 2);
        r.setContent(message.body(), headers.createContentTypeHeader(type[0], type.length > 1 ? type[1] : "plain"));
        ClientTransaction ct = provider.getNewClientTransaction(r);
        ct.setApplicationData(new PendingRequest() {
            @Override
            public void response(ResponseEvent event) {
                int status = event.getResponse().getStatusCode();
                if (status >= 200) {
                    answers.add(status);
                }
            }

            @Override
            public void timeout() {
                answers.add(Response.REQUEST_TIMEOUT);
            }
        });
        ct.sendRequest();
    }

    /** The phones' answers to one message. */
    private static final class Answers {
        final CompletableFuture<Integer> done = new CompletableFuture<>();
        private int waiting;
        private int best;

        Answers(int phones) {
            this.waiting = phones;
        }

        synchronized void add(int status) {
            waiting--;
            if (status / 100 == 2) {
                done.complete(status);
            } else if (best == 0 || notReachable(best) && !notReachable(status)) {
                best = status;
            }
            if (waiting <= 0) {
                done.complete(best == 0 ? Response.TEMPORARILY_UNAVAILABLE : best);
            }
        }
    }
}
