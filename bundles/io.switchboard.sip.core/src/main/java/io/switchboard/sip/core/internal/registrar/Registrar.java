package io.switchboard.sip.core.internal.registrar;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.DateHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.core.internal.events.EventPoster;

/**
 * The registrar of RFC 3261 section 10.3: authenticates, then adds, refreshes and removes the
 * bindings of the user in the To header, several contacts per user, with expiry limits (423 and
 * Min-Expires below the minimum), q-values, "*" to remove all, and Call-ID/CSeq ordering so that a
 * late request cannot undo a newer registration. Bindings live in the database; each REGISTER is
 * checked against them and applied in a batch of binding changes committed together
 * ({@link SipStore#registerLater}), so no SIP thread waits for another's commit.
 * <p>
 * REGISTER is served without a server transaction, as Kamailio's and OpenSIPS's registrars serve
 * it (see {@link SipServer}). A retransmission that arrives while its original is served is
 * dropped; one that arrives after the answer (which was lost) gets the same answer again
 * ({@link AnsweredRequests}).
 */
public final class Registrar {

    /** The registrar's limits, from the server settings. */
    public record Limits(int minExpires, int maxExpires, int defaultExpires, int maxContacts) {
    }

    private final EventPoster events;
    private final SipStore store;
    private final Authenticator auth;
    private final Limits limits;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    public Registrar(SipStore store, Authenticator auth, Limits limits, EventPoster events, MessageFactory messages,
            HeaderFactory headers,
            AddressFactory addresses) {
        this.store = store;
        this.events = events;
        this.auth = auth;
        this.limits = limits;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
    }

    /**
     * The answer to a REGISTER, once what it changes is committed: the 200 lists the bindings as
     * they are then. The SIP thread does not wait for that commit (with a thread per waiting
     * REGISTER, the stack's thread pool was the registrar's limit).
     */
    record Answer(CompletableFuture<Response> response) {
        static Answer now(Response response) {
            return new Answer(CompletableFuture.completedFuture(response));
        }
    }

    /**
     * @param source where the request came from, transport:address:port
     * @return the final response to send, once its bindings are committed
     */
    Answer register(Request request, String source) throws ParseException, InvalidArgumentException {
        // 10.3 step 2: extensions we do not support
        ListIterator<?> require = request.getHeaders(RequireHeader.NAME);
        List<String> unsupported = new ArrayList<>();
        while (require.hasNext()) {
            String tag = ((RequireHeader) require.next()).getOptionTag();
            if (!tag.equalsIgnoreCase("path")) {
                unsupported.add(tag);
            }
        }
        if (!unsupported.isEmpty()) {
            Response r = messages.createResponse(Response.BAD_EXTENSION, request);
            r.addHeader(headers.createUnsupportedHeader(String.join(",", unsupported)));
            return Answer.now(r);
        }
        // a Contact URI with headers outside angle brackets is ambiguous (RFC 3261 20.10): refuse it
        ListIterator<?> contactCheck = request.getHeaders(ContactHeader.NAME);
        while (contactCheck.hasNext()) {
            ContactHeader c = (ContactHeader) contactCheck.next();
            if (!c.isWildCard() && c.getAddress().getURI() instanceof SipURI uri && uri.getHeaderNames().hasNext()) {
                return Answer.now(
                        reason(messages.createResponse(Response.BAD_REQUEST, request), "Contact URI with headers"));
            }
        }
        // step 3: who is it
        Authenticator.Result who = auth.authenticate(request, false);
        if (!who.ok()) {
            return Answer.now(who.challenge());
        }
        // steps 4-5: the authenticated user may change only their own bindings
        URI toUri = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        if (!(toUri instanceof SipURI to) || to.getUser() == null) {
            return Answer.now(reason(messages.createResponse(Response.NOT_FOUND, request),
                    "To is not a SIP address of a user"));
        }
        if (!to.getUser().equals(who.user())) {
            return Answer.now(reason(messages.createResponse(Response.FORBIDDEN, request),
                    "Authenticated as " + who.user() + ", not " + to.getUser()));
        }
        String user = who.user();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ExpiresHeader expiresHeader = request.getExpires();
        Instant now = Instant.now();

        List<ContactHeader> contacts = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            contacts.add((ContactHeader) it.next());
        }
        // step 6: "*" removes everything, and only with Expires: 0 and alone
        boolean wildcard = contacts.stream().anyMatch(ContactHeader::isWildCard);
        if (wildcard && (contacts.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0)) {
            return Answer.now(reason(messages.createResponse(Response.BAD_REQUEST, request),
                    "Contact * needs Expires: 0 and no other contact"));
        }
        // RFC 5626 section 6: Outbound when the phone supports it and registers its flow with us directly
        boolean outbound = Outbound.asked(request) && contacts.stream().anyMatch(c -> Outbound.regId(c) != null);
        if (outbound && !Outbound.firstHop(request)) {
            return Answer.now(reason(messages.createResponse(Outbound.FIRST_HOP_LACKS_OUTBOUND, request),
                    "First Hop Lacks Outbound Support"));
        }
        // step 7, what needs no bindings: every contact's lifetime before anything changes
        List<SipStore.ContactUpdate> updates = new ArrayList<>();
        Map<String, URI> parsed = new HashMap<>();
        for (ContactHeader c : wildcard ? List.<ContactHeader>of() : contacts) {
            int expires = c.getExpires() >= 0 ? c.getExpires()
                    : expiresHeader != null ? expiresHeader.getExpires() : limits.defaultExpires();
            if (expires > 0 && expires < limits.minExpires()) {
                Response r = messages.createResponse(Response.INTERVAL_TOO_BRIEF, request);
                r.addHeader(headers.createMinExpiresHeader(limits.minExpires()));
                return Answer.now(r);
            }
            URI uri = c.getAddress().getURI();
            String contact = uri.toString();
            parsed.put(contact, uri);
            float q = c.getQValue();
            updates.add(new SipStore.ContactUpdate(contact, Math.min(expires, limits.maxExpires()),
                    q < 0 ? null : (double) q, Outbound.instance(c), outbound ? Outbound.regId(c) : null));
        }
        // the rest of step 7 and step 8 against the bindings as the writer finds them
        SipStore.Registration registration = new SipStore.Registration(user, callId, cseq, updates, wildcard,
                limits.maxContacts(), source, userAgent(request), now, Outbound.path(request));
        return new Answer(store.registerLater(registration).thenApply(outcome -> {
            try {
                if (!outcome.ok()) {
                    return reason(messages.createResponse(outcome.refusal(), request), outcome.reason());
                }
                if (wildcard) {
                    events.registration(user, "*", source, 0);
                }
                for (SipStore.ContactUpdate u : updates) {
                    events.registration(user, u.contact(), source, u.expires());
                }
                Response ok = ok(request, now, outcome.bindings(), parsed);
                if (outbound) {
                    Outbound.answer(ok, source, headers);
                }
                return ok;
            } catch (ParseException | InvalidArgumentException e) {
                throw new CompletionException(e);
            }
        }));
    }

    /**
     * 200 with every current binding of the user and its remaining lifetime.
     *
     * @param bindings the user's bindings
     * @param parsed the contact URIs of this request by their text, which need not be parsed again
     */
    private Response ok(Request request, Instant now, List<SipStore.Binding> bindings,
            Map<String, URI> parsed) throws ParseException, InvalidArgumentException {
        Response r = messages.createResponse(Response.OK, request);
        for (SipStore.Binding b : bindings) {
            URI uri = parsed.get(b.contact());
            Address a = addresses.createAddress(uri != null ? (URI) uri.clone() : addresses.createURI(b.contact()));
            ContactHeader ch = headers.createContactHeader(a);
            ch.setExpires((int) Math.max(1, b.expiresAt().getEpochSecond() - now.getEpochSecond()));
            if (b.q() != null) {
                ch.setQValue(b.q().floatValue());
            }
            Outbound.describe(ch, b);
            r.addHeader(ch);
        }
        // RFC 3327 section 5.3: the Path as stored goes back, so that the edge sees what it will be sent
        ListIterator<?> path = request.getHeaders(Outbound.PATH);
        while (path.hasNext()) {
            r.addHeader((Header) ((Header) path.next()).clone());
        }
        r.addHeader(date(now));
        return r;
    }

    /** The Date header of this second, made once a second rather than once a response. */
    private record Stamp(long second, DateHeader header) {
    }

    private volatile Stamp date = new Stamp(Long.MIN_VALUE, null);

    private DateHeader date(Instant now) {
        Stamp d = date;
        if (d.second() != now.getEpochSecond()) {
            Calendar c = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
            c.setTimeInMillis(now.getEpochSecond() * 1000);
            d = new Stamp(now.getEpochSecond(), headers.createDateHeader(c));
            date = d;
        }
        return (DateHeader) d.header().clone();
    }

    private static String userAgent(Request request) {
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        if (ua == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        ua.getProduct().forEachRemaining(p -> sb.append(sb.isEmpty() ? "" : " ").append(p));
        return sb.length() > 255 ? sb.substring(0, 255) : sb.toString();
    }

    private static Response reason(Response r, String phrase) throws ParseException {
        r.setReasonPhrase(phrase);
        return r;
    }
}
