package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.SipStackImpl;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.phone.api.Transport;
import io.switchboard.sip.stack.StackStop;

/**
 * The phone's SIP stack: a jain-sip stack of its own on a free port, every request sent through
 * the account's server (the stack's outbound proxy), digest challenges answered once per request.
 * Builds requests; {@link Dialogs} handles what arrives.
 */
final class UserAgent implements AutoCloseable {

    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final SecureRandom TAGS = new SecureRandom();

    /** The outcome of a REGISTER. */
    record Outcome(boolean ok, int expires, String reason) {
    }

    /** What to do with the final and provisional answers to a request. */
    interface Handler {
        void response(Response response, ClientTransaction ct) throws Exception;
    }

    private final PhoneAccount account;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String host;
    private final int port;
    private final String transport;
    private final AtomicLong cseq = new AtomicLong(1);
    private final String registerCallId = UUID.randomUUID().toString();
    private final String registerTag = tag();
    private final AtomicInteger nonceCount = new AtomicInteger();
    private volatile boolean closed;

    UserAgent(PhoneAccount account, SipPhone phone) {
        this.account = account;
        this.transport = account.transport().name().toLowerCase(Locale.ROOT);
        try {
            this.host = localAddressTowards(account.proxyHost(), account.proxyPort());
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "switchboard-phone-" + STACKS.incrementAndGet());
            p.setProperty("javax.sip.OUTBOUND_PROXY", account.proxyHost() + ":" + account.proxyPort() + "/"
                    + transport);
            // under gov.nist, where the server keeps jain-sip's log within its budget (its default is the
            // stack's name, and jain-sip's classes then wrote their stack traces there unbounded)
            p.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "gov.nist.javax.sip.phone");
            p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
            p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
            if (account.transport() == Transport.TLS) {
                tls(p);
                this.stack = PhoneTls.stack(p, new PhoneTls(account.proxyHost(), account.tlsPin()));
            } else {
                this.stack = new SipStackImpl(p);
            }
            this.port = freePort(host);
            ListeningPoint lp = stack.createListeningPoint(host, port, transport);
            this.provider = stack.createSipProvider(lp);
            this.messages = factory.createMessageFactory();
            this.headers = factory.createHeaderFactory();
            this.addresses = factory.createAddressFactory();
            provider.addSipListener(new Dialogs(this, phone));
            stack.start();
        } catch (Exception e) {
            throw new PhoneException("Cannot start the phone's SIP stack: " + e.getMessage(), e);
        }
    }

    String host() {
        return host;
    }

    SipProvider provider() {
        return provider;
    }

    MessageFactory messages() {
        return messages;
    }

    HeaderFactory headers() {
        return headers;
    }

    boolean closed() {
        return closed;
    }

    /** @return a SIP URI for a target: a URI as given, a user or number at the account's domain */
    SipURI uri(String target) {
        try {
            String t = target.trim();
            if (t.startsWith("sip:") || t.startsWith("sips:")) {
                return (SipURI) addresses.createURI(t);
            }
            return addresses.createSipURI(t, account.domain());
        } catch (ParseException | ClassCastException e) {
            throw new IllegalArgumentException("Not a SIP address or number: '" + target + "'");
        }
    }

    /** Sends a REGISTER; {@code done} hears how it ended. */
    void register(int seconds, Consumer<Outcome> done) {
        send(() -> {
            Request r = request(Request.REGISTER, addresses.createSipURI(null, account.domain()), registerCallId,
                    registerTag, self());
            r.addHeader(contact());
            r.addHeader(headers.createExpiresHeader(seconds));
            return r;
        }, (response, ct) -> {
            int status = response.getStatusCode();
            if (status >= 200 && status < 300) {
                ExpiresHeader e = response.getExpires();
                ContactHeader c = (ContactHeader) response.getHeader(ContactHeader.NAME);
                int expires = c != null && c.getExpires() >= 0 ? c.getExpires() : e != null ? e.getExpires() : seconds;
                done.accept(new Outcome(seconds > 0, expires, null));
            } else if (status >= 300) {
                done.accept(new Outcome(false, 0, status + " " + response.getReasonPhrase()));
            }
        }, e -> done.accept(new Outcome(false, 0, e.getMessage())));
    }

    /**
     * Places a call: an INVITE with an offer. {@code make} makes the call once its Call-ID is known.
     *
     * @param replaces the Replaces header's value, for the call an attended transfer asks for
     * @param extra headers of the caller's own (a page's Call-Info)
     * @param direction the offer's direction: sendrecv, or sendonly for a phone that only speaks
     */
    SipCall invite(SipURI to, Function<String, SipCall> make, String replaces, Map<String, String> extra,
            String direction) {
        String callId = UUID.randomUUID().toString();
        String tag = tag();
        SipCall call = make.apply(callId);
        String offer = call.offer(direction);
        send(() -> {
            Request r = request(Request.INVITE, to, callId, tag, addresses.createAddress(to));
            r.addHeader(contact());
            if (replaces != null) {
                r.addHeader(headers.createHeader("Replaces", replaces));
            }
            for (Map.Entry<String, String> h : extra.entrySet()) {
                r.addHeader(headers.createHeader(h.getKey(), h.getValue()));
            }
            r.setContent(offer, sdpType());
            return r;
        }, (response, ct) -> Dialogs.inviteAnswered(this, call, response, ct), e -> call.ended(500));
        return call;
    }

    /** Sends a text message outside any dialog; {@code done} hears the final status (408 when none came). */
    void message(SipURI to, String text, Consumer<Integer> done) {
        String callId = UUID.randomUUID().toString();
        String tag = tag();
        send(() -> {
            Request r = request(Request.MESSAGE, to, callId, tag, addresses.createAddress(to));
            r.setContent(text.getBytes(StandardCharsets.UTF_8),
                    headers.createContentTypeHeader("text", "plain;charset=UTF-8"));
            return r;
        }, (response, ct) -> {
            if (response.getStatusCode() >= 200) {
                done.accept(response.getStatusCode());
            }
        }, e -> done.accept(Response.REQUEST_TIMEOUT));
    }

    /** Answers an incoming call: 200 with the answer to its offer (or an offer when it had none). */
    void answer(SipCall call) {
        Dialogs.answer(this, call);
    }

    void respond(ServerTransaction st, int status, String sdp) {
        Dialogs.respond(this, st, status, sdp);
    }

    /** Sends a request inside the call's dialog (BYE, re-INVITE, REFER, NOTIFY). */
    void inDialog(SipCall call, String method, String sdp) {
        inDialog(call, method, sdp, null);
    }

    void inDialog(SipCall call, String method, String body, List<Header> extra) {
        try {
            Request r = call.dialog.createRequest(method);
            if (extra != null) {
                for (Header h : extra) {
                    r.setHeader(h);
                }
            }
            if (body != null) {
                r.setContent(body, method.equals(Request.NOTIFY) ? headers.createContentTypeHeader("message",
                        "sipfrag;version=2.0") : sdpType());
            }
            ClientTransaction ct = provider.getNewClientTransaction(r);
            ct.setApplicationData((Handler) (response, tx) -> {
                if (response.getStatusCode() == Response.REQUEST_PENDING && method.equals(Request.INVITE)) {
                    retryLater(call, method, body, extra);
                } else {
                    Dialogs.inDialogAnswered(this, call, response, tx);
                }
            });
            call.dialog.sendRequest(ct);
        } catch (SipException | ParseException e) {
            throw new PhoneException("Cannot send " + method + " in call " + call.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A re-INVITE that met one of the other side's (491, RFC 3261 14.1) goes again after a random
     * wait, longer for the side that owns the Call-ID, so that the two do not meet again: a resume
     * sent right after a hold is otherwise lost.
     */
    private void retryLater(SipCall call, String method, String body, List<Header> extra) {
        long wait = call.outgoing() ? 2100 + TAGS.nextInt(1900) : TAGS.nextInt(2000);
        CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                .execute(() -> {
                    if (call.state() != CallState.ENDED) {
                        try {
                            inDialog(call, method, body, extra);
                        } catch (PhoneException e) {
                            System.getLogger(UserAgent.class.getName()).log(System.Logger.Level.WARNING,
                                    "Call " + call.id() + ": the re-INVITE cannot go again: " + e.getMessage());
                        }
                    }
                });
    }

    /** Asks the far end of {@code call} to call {@code target} (blind), or to replace {@code other}'s dialog. */
    void refer(SipCall call, String target, SipCall other) {
        try {
            String uri = target;
            if (other != null) {
                String replaces = other.dialog.getCallId().getCallId() + ";to-tag=" + other.dialog.getRemoteTag()
                        + ";from-tag=" + other.dialog.getLocalTag();
                uri = target + "?Replaces=" + URLEncoder.encode(replaces, StandardCharsets.UTF_8);
                call.transferring = other;
            } else {
                call.transferring = call;
            }
            Address referTo = addresses.createAddress(addresses.createURI(uri));
            inDialog(call, Request.REFER, null, List.of(headers.createReferToHeader(referTo)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("Cannot transfer to '" + target + "': " + e.getMessage(), e);
        }
    }

    interface Build {
        Request request() throws Exception;
    }

    /** Sends a request outside a dialog; a 401 or 407 is answered with credentials once. */
    void send(Build build, Handler handler, Consumer<Exception> failed) {
        try {
            Request first = build.request();
            ClientTransaction ct = provider.getNewClientTransaction(first);
            ct.setApplicationData((Handler) (response, tx) -> {
                int status = response.getStatusCode();
                if ((status == 401 || status == 407) && account.password() != null) {
                    Request again = build.request();
                    if (!Credentials.add(again, response, account, headers, nonceCount.incrementAndGet())) {
                        handler.response(response, tx);
                        return;
                    }
                    ClientTransaction retry = provider.getNewClientTransaction(again);
                    retry.setApplicationData(handler);
                    retry.sendRequest();
                    return;
                }
                handler.response(response, tx);
            });
            ct.sendRequest();
        } catch (Exception e) {
            failed.accept(e);
        }
    }

    private Request request(String method, SipURI requestUri, String callId, String tag, Address to) throws Exception {
        FromHeader from = headers.createFromHeader(self(), tag);
        ViaHeader via = headers.createViaHeader(host, port, transport, null);
        CSeqHeader cs = headers.createCSeqHeader(cseq.getAndIncrement(), method);
        Request r = messages.createRequest(requestUri, method, headers.createCallIdHeader(callId), cs, from,
                headers.createToHeader(to, null), List.of(via), headers.createMaxForwardsHeader(70));
        r.addHeader(headers.createUserAgentHeader(List.of("Switchboard-phone/1.0")));
        return r;
    }

    Address self() throws ParseException {
        Address a = addresses.createAddress(addresses.createSipURI(account.user(), account.domain()));
        if (account.displayName() != null) {
            a.setDisplayName(account.displayName());
        }
        return a;
    }

    ContactHeader contact() throws ParseException {
        SipURI uri = addresses.createSipURI(account.user(), host);
        uri.setPort(port);
        uri.setTransportParam(transport);
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    ContentTypeHeader sdpType() throws ParseException {
        return headers.createContentTypeHeader("application", "sdp");
    }

    @Override
    public void close() {
        closed = true;
        StackStop.withoutPause(stack);
    }

    static String tag() {
        return Long.toHexString(TAGS.nextLong());
    }

    /** @return the local address the machine would use to reach the server */
    /** What jain-sip needs to speak TLS at all: its own list of suites holds none the JDK still allows. */
    private static void tls(Properties p) {
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", "TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    }

    private static String localAddressTowards(String host, int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(host, port));
            String local = s.getLocalAddress().getHostAddress();
            return local.equals("0.0.0.0") ? "127.0.0.1" : local;
        }
    }

    /** @return a port free for UDP and TCP alike (a phone may switch transports) */
    private static int freePort(String host) throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(host, 0));
                int p = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, p))) {
                    return p;
                } catch (IOException taken) {
                    // UDP port in use: another try
                }
            }
        }
        throw new IOException("no free port on " + host);
    }
}
