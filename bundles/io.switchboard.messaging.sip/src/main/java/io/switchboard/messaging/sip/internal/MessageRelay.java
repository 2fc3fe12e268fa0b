package io.switchboard.messaging.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.messaging.api.MessageDelivery;
import io.switchboard.messaging.api.MessageRefusedException;
import io.switchboard.messaging.api.MessageState;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.messaging.api.TextMessage;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.handler.api.Caller;
import io.switchboard.sip.handler.api.RequestHandler;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.sip.stack.DisplayNames;
import io.switchboard.sip.stack.PacketSource;

/**
 * Text messages (SIP MESSAGE, RFC 3428) outside a dialog. The sender authenticates as for a call: a
 * trunk by its address, a user by digest with its own name in From. Routing finds the user the
 * request URI names, as for a call. The message goes to every registered phone of that user, and
 * the first 2xx is the sender's 200. When no phone takes it (none registered, none answers, 408,
 * 480 or 503), the message store keeps it and the sender hears 202; it is delivered when a phone of
 * the user registers ({@link MessageDelivery}, used by the messaging bundle). A number that routes
 * out goes through the route's trunks ({@link TrunkMessages}) when the sender's class of service and
 * the blocked destinations allow it, as a call would; the carrier's answer is the sender's.
 */
public final class MessageRelay implements MessageDelivery, RequestHandler {

    private static final Logger LOG = System.getLogger(MessageRelay.class.getName());
    /** RFC 3428 section 6: a MESSAGE that may cross UDP stays under 1300 bytes; its body, here. */
    public static final int MAX_BODY = 1300;
    /** A message that came over TCP or TLS may be longer: it goes on over a connection too. */
    public static final int MAX_STREAM_BODY = 16 * 1024;

    private final SwitchFacilities sip;
    private final RoutingService routing;
    private final Supplier<MessageStore> store;
    private final PhoneMessages phones;
    private final TrunkMessages carriers;
    private final Function<String, Integer> perMinute;
    private final MessageLimits limits = new MessageLimits();

    /**
     * @param store where messages no phone could take wait, or null without the messaging bundle
     * @param perMinute each user's limit of messages through trunks in a minute (its calling policy's
     *            callsPerMinute, the server's default filled in), 0 or null for none
     */
    public MessageRelay(SwitchFacilities sip, RoutingService routing, Supplier<MessageStore> store, PhoneMessages phones,
            TrunkMessages carriers, Function<String, Integer> perMinute) {
        this.sip = sip;
        this.routing = routing;
        this.store = store;
        this.phones = phones;
        this.carriers = carriers;
        this.perMinute = perMinute;
    }

    @Override
    public void handle(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        Function<Integer, Response> answer = status -> {
            try {
                return sip.messages().createResponse(status, request);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        };
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            sip.respond(provider, tx, answer.apply(Response.TOO_MANY_HOPS));
            return;
        }
        byte[] body = request.getRawContent() == null ? new byte[0] : request.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        boolean stream = !"udp".equals(PacketSource.of(request).transport());
        int max = stream ? MAX_STREAM_BODY : MAX_BODY;
        if (body.length > max) {
            reply(provider, tx, answer.apply(Response.MESSAGE_TOO_LARGE), "A text message holds at most " + max
                    + " bytes over " + (stream ? "TCP or TLS" : "UDP (RFC 3428; send it over TCP)"));
            return;
        }
        if (body.length == 0 || type == null) {
            reply(provider, tx, answer.apply(Response.BAD_REQUEST), "A text message needs a body and its Content-Type");
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String fromUser = from.getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
        String dialled = request.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        Optional<Trunk> trunk = sip.trunkOf(request);
        String sender = fromUser;
        if (trunk.isEmpty()) {
            Caller who = sip.authenticate(request);
            if (!who.ok()) {
                sip.respond(provider, tx, who.challenge());
                return;
            }
            if (!who.user().equals(fromUser)) {
                reply(provider, tx, answer.apply(Response.FORBIDDEN), "From " + fromUser + " is not the authenticated user "
                        + who.user());
                return;
            }
            sender = who.user();
        }
        if (dialled == null || sender == null) {
            reply(provider, tx, answer.apply(Response.NOT_FOUND), "No user part in the request URI or From");
            return;
        }
        RouteDecision d = routing.route(new RouteRequest(trunk.isEmpty() ? sender : null,
                trunk.map(Trunk::name).orElse(null), dialled, Instant.now()));
        if (d.emergency()) {
            // the emergency route takes calls, with a location; a text there would pass class of service unjudged
            reply(provider, tx, answer.apply(Response.FORBIDDEN), dialled + " is an emergency number: call it");
            return;
        }
        String fromName = DisplayNames.plain(from.getAddress().getDisplayName());
        String contentType = type.getContentType() + "/" + type.getContentSubType();
        switch (d.outcome()) {
            case USER -> relay(new TextMessage(0, sender, fromName, d.destination(), trunk.map(Trunk::name).orElse(null),
                    contentType, body, Instant.now(), MessageState.STORED, null, null), provider, tx, answer);
            case TRUNKS -> {
                TextMessage message = new TextMessage(0, sender, fromName, d.send(), null, contentType, body,
                        Instant.now(), MessageState.STORED, null, null);
                if (trunk.isEmpty() && limited(message, provider, tx, answer)) {
                    return;
                }
                out(message, d, trunk.isEmpty() ? sip.ownNumber(sender) : sender, provider, tx, answer);
            }
            case TARGET -> reply(provider, tx, answer.apply(Response.NOT_FOUND), d.destination() + " takes no text messages");
            case REJECTED -> reply(provider, tx, answer.apply(d.status()),
                    d.reasons().isEmpty() ? "Not routed" : d.reasons().get(d.reasons().size() - 1));
        }
    }

    /**
     * A user's message out through a trunk, against its per-minute limit: a refusal is the sender's
     * 403 (with Retry-After) and a failed message in the history, so that the admin sees the burst.
     *
     * @return whether the message was refused
     */
    private boolean limited(TextMessage message, SipProvider provider, ServerTransaction tx,
            Function<Integer, Response> answer) throws Exception {
        MessageLimits.Refusal refusal = limits.admit(message.from(), perMinute.apply(message.from()),
                System.currentTimeMillis());
        if (refusal == null) {
            return false;
        }
        LOG.log(Level.DEBUG, refusal.reason() + "; a message to " + message.to() + " refused");
        MessageStore history = store.get();
        if (history != null) {
            history.record(message.with(MessageState.FAILED, null, refusal.reason()));
        }
        Response r = answer.apply(Response.FORBIDDEN);
        r.addHeader(sip.headers().createRetryAfterHeader(refusal.retryAfterSeconds()));
        reply(provider, tx, r, refusal.reason());
        return true;
    }

    /** To the user's phones now; kept when none takes it. */
    private void relay(TextMessage message, SipProvider provider, ServerTransaction tx, Function<Integer, Response> answer) {
        deliver(message).whenComplete((status, failure) -> {
            try {
                int s = failure != null ? Response.SERVER_INTERNAL_ERROR : status;
                if (s / 100 == 2) {
                    MessageStore history = store.get();
                    if (history != null) {
                        history.record(message.with(MessageState.DELIVERED, Instant.now(), null));
                    }
                    sip.respond(provider, tx, answer.apply(Response.OK));
                } else if (PhoneMessages.notReachable(s)) {
                    keep(message, provider, tx, answer);
                } else {
                    reply(provider, tx, answer.apply(s), "Refused by " + message.to() + "'s phone");
                }
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot answer the sender of a message to " + message.to() + ": " + e);
            }
        });
    }

    /** Out through the route's trunks; the carrier's answer is the sender's, and the history keeps it. */
    private void out(TextMessage message, RouteDecision d, String fromNumber, SipProvider provider, ServerTransaction tx,
            Function<Integer, Response> answer) {
        carriers.send(message, d.trunks(), fromNumber).whenComplete((outcome, failure) -> {
            try {
                int status = failure != null ? Response.SERVER_INTERNAL_ERROR : outcome.status();
                String why = failure != null ? failure.toString() : String.join("; ", outcome.attempts());
                TextMessage sent = new TextMessage(0, message.from(), message.fromName(), message.to(),
                        failure == null ? outcome.trunk() : null, message.contentType(), message.body(),
                        message.received(), status / 100 == 2 ? MessageState.DELIVERED : MessageState.FAILED,
                        status / 100 == 2 ? Instant.now() : null, status / 100 == 2 ? null : why);
                MessageStore history = store.get();
                if (history != null) {
                    history.record(sent);
                }
                if (status / 100 == 2) {
                    sip.respond(provider, tx, answer.apply(status));
                } else {
                    reply(provider, tx, answer.apply(status), "Not sent: " + why);
                }
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot answer the sender of a message to " + message.to() + ": " + e);
            }
        });
    }

    private void keep(TextMessage message, SipProvider provider, ServerTransaction tx,
            Function<Integer, Response> answer) throws Exception {
        MessageStore offline = store.get();
        if (offline == null) {
            reply(provider, tx, answer.apply(Response.TEMPORARILY_UNAVAILABLE), message.to() + " is not reachable");
            return;
        }
        try {
            offline.store(message);
            reply(provider, tx, answer.apply(Response.ACCEPTED), "Stored until " + message.to() + " is reachable");
        } catch (MessageRefusedException e) {
            reply(provider, tx, answer.apply(e.status()), e.getMessage());
        }
    }

    @Override
    public CompletionStage<Integer> deliver(TextMessage message) {
        try {
            return phones.send(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot deliver a message to " + message.to() + ": " + e);
            return CompletableFuture.completedFuture(Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void reply(SipProvider provider, ServerTransaction tx, Response r, String reason) throws Exception {
        r.setReasonPhrase(reason.replaceAll("[\\r\\n]+", " "));
        sip.respond(provider, tx, r);
    }
}
