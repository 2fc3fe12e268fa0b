package io.switchboard.sip.core.internal.registrar;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.stack.PacketSource;

/**
 * REGISTER served without a server transaction, as Kamailio's and OpenSIPS's registrars serve it:
 * retransmissions dropped while their original is served and answered again from
 * {@link AnsweredRequests} after, and new REGISTERs shed with 503 while the bindings' writer is
 * behind. The registrar decides; this class only carries its answers.
 */
public final class RegisterService {

    /** Sends a response without a transaction (the switch's own, which tags and counts it). */
    public interface Sender {
        void send(SipProvider provider, Response response) throws SipException, InvalidArgumentException;
    }

    private static final Logger LOG = System.getLogger(RegisterService.class.getName());
    /** When a phone whose REGISTER could not be stored is to try again. */
    private static final int RETRY_AFTER_SECONDS = 30;

    private final Registrar registrar;
    private final SipStore store;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final int retryAfterSeconds;
    private final Sender sender;
    private final AtomicLong registersAnsweredAgain = new AtomicLong();
    private final AtomicLong registersShed = new AtomicLong();

    /** The push services (RFC 8599) phones may register with: their {@code pn-provider} names. */
    @FunctionalInterface
    public interface PushServices {
        List<String> providers();
    }

    private final PushServices push;

    public RegisterService(Registrar registrar, SipStore store, MessageFactory messages, HeaderFactory headers,
            int retryAfterSeconds, Sender sender, PushServices push) {
        this.push = push;
        this.registrar = registrar;
        this.store = store;
        this.messages = messages;
        this.headers = headers;
        this.retryAfterSeconds = retryAfterSeconds;
        this.sender = sender;
    }

    private final List<Consumer<String>> registered =
            new CopyOnWriteArrayList<>();

    /**
     * @param then told the user's name after each REGISTER that bound a phone, once it is answered
     * @return ends the telling
     */
    public Runnable onRegistered(Consumer<String> then) {
        registered.add(then);
        return () -> registered.remove(then);
    }

    /** @return whether the REGISTER binds a contact rather than only removing or asking */
    private static boolean binds(Request request) {
        ExpiresHeader all = request.getExpires();
        ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            int expires = c.getExpires() >= 0 ? c.getExpires() : all != null ? all.getExpires() : 1;
            if (!c.isWildCard() && expires > 0) {
                return true;
            }
        }
        return false;
    }

    /** REGISTERs being served, by {@link Authenticator#requestKey}: their retransmissions are dropped. */
    private final Map<String, Boolean> registering = new ConcurrentHashMap<>();
    /** REGISTERs answered lately: their retransmissions get the same answer again. */
    private final AnsweredRequests answered = new AnsweredRequests(
            AnsweredRequests.capacityFor(Runtime.getRuntime().maxMemory()));
    /** How long registrations may wait for the database before new ones are turned away with 503. */
    static final long REGISTER_BACKLOG_MILLIS = 1_000;

    /**
     * Serves a REGISTER without a transaction and sends the registrar's answer once its bindings
     * are committed; a failed commit gets 500. A retransmission is dropped while its original is
     * served and gets the original's answer once it is sent, as from a transaction. While the
     * bindings' batches are more than {@link #REGISTER_BACKLOG_MILLIS} behind, new REGISTERs get 503
     * with Retry-After at once, so that an overload ends instead of feeding on the retransmissions
     * it causes; the retransmissions of REGISTERs already taken are not turned away, their
     * originals will be answered.
     */
    public void register(SipProvider provider, Request request) throws Exception {
        String key = Authenticator.requestKey(request);
        String earlier = answered.answerTo(key);
        if (earlier != null) {
            registersAnsweredAgain.incrementAndGet();
            sender.send(provider, messages.createResponse(earlier));
            return;
        }
        if (registering.putIfAbsent(key, Boolean.TRUE) != null) {
            return; // its original is still being served
        }
        if (store.backlogMillis() > REGISTER_BACKLOG_MILLIS) {
            Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.addHeader(headers.createRetryAfterHeader(retryAfterSeconds));
            registersShed.incrementAndGet();
            answer(provider, key, busy);
            return;
        }
        String pns = pushProvider(request);
        if (pns != null && push.providers().stream().noneMatch(pns::equalsIgnoreCase)) {
            Response refused = messages.createResponse(555, request);
            refused.setReasonPhrase("Push Notification Service Not Supported");
            refused.addHeader(headers.createHeader("Feature-Caps", featureCaps(push.providers())));
            answer(provider, key, refused);
            return;
        }
        Registrar.Answer answer;
        try {
            answer = registrar.register(request, PacketSource.of(request).toString());
        } catch (Exception | Error e) {
            registering.remove(key);
            throw e;
        }
        answer.response().whenComplete((response, failure) -> {
            try {
                if (failure == null) {
                    if (pns != null && response.getStatusCode() / 100 == 2) {
                        response.addHeader(headers.createHeader("Feature-Caps", featureCaps(List.of(pns))));
                    }
                    answer(provider, key, response);
                    if (response.getStatusCode() / 100 == 2 && binds(request)) {
                        String user = ((SipURI) ((ToHeader) request.getHeader(
                                ToHeader.NAME)).getAddress().getURI()).getUser();
                        registered.forEach(then -> then.accept(user));
                    }
                } else {
                    LOG.log(Level.WARNING, "REGISTER not stored: " + failure.getMessage());
                    // the database is away: the phone is to try again later, not give up (RFC 3261 21.5.4)
                    Response error = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
                    error.setReasonPhrase("Registration not stored");
                    error.addHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
                    answer(provider, key, error);
                }
            } catch (Exception e) {
                registering.remove(key);
                LOG.log(Level.WARNING, "Cannot answer REGISTER: " + e);
            }
        });
    }

    /**
     * Sends the final answer to a REGISTER and keeps it for its retransmissions, unless it is a
     * challenge: a retransmission of a challenged REGISTER is challenged afresh, which serves the
     * phone as well and saves keeping half of all answers (every registration starts with one).
     */
    private void answer(SipProvider provider, String key, Response response)
            throws SipException, InvalidArgumentException {
        try {
            sender.send(provider, response);
        } finally {
            // kept before the key is released, so that no retransmission finds neither
            if (response.getStatusCode() != Response.UNAUTHORIZED) {
                answered.answered(key, response);
            }
            registering.remove(key);
        }
    }

    /** @return the {@code pn-provider} of the REGISTER's first Contact (RFC 8599), or null */
    private static String pushProvider(Request request) {
        ContactHeader c = (ContactHeader) request.getHeader(
                ContactHeader.NAME);
        return c != null && c.getAddress() != null && c.getAddress().getURI() instanceof SipURI u
                ? u.getParameter("pn-provider") : null;
    }

    /** @return a Feature-Caps value naming push services: {@code *;+sip.pns="fcm","apns"} */
    private static String featureCaps(List<String> providers) {
        return "*;+sip.pns=" + String.join(",", providers.stream().map(p -> "\"" + p + "\"").toList());
    }

    public long answeredAgain() {
        return registersAnsweredAgain.get();
    }

    public long shed() {
        return registersShed.get();
    }
}
