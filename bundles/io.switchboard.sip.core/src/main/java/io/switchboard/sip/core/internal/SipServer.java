package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.cdr.api.CdrService;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.CallControl;

import org.osgi.service.event.EventAdmin;

import org.osgi.framework.BundleContext;

import javax.sip.DialogTerminatedEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The SIP stack (jain-sip-ri) with its listening points, settings {@value #PID} (required, so that
 * the switch starts once with the admin's settings instead of restarting when they arrive; the
 * server ships a default file). It answers
 * OPTIONS (the keep-alive and "qualify" probe of every peer), serves REGISTER through the
 * {@link Registrar} and hands calls to the B2BUA. Calls get server transactions, so their
 * retransmissions are absorbed by the stack; REGISTER and OPTIONS are answered without one.
 * Malformed messages are answered 400 or dropped by the stack itself.
 */
@Component(service = { SipServer.class, CallControl.class }, immediate = true, configurationPid = SipServer.PID,
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.REQUIRE)
@Designate(ocd = SipServer.Config.class)
public class SipServer implements SipListener, CallControl {

    static final String PID = "io.switchboard.sip";
    private static final AtomicLong STACKS = new AtomicLong();
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO";

    @ObjectClassDefinition(name = "Switchboard SIP softswitch")
    @interface Config {
        @AttributeDefinition(name = "Realm", description = "Digest realm; changing it invalidates every SIP password")
        String realm() default "switchboard";

        @AttributeDefinition(name = "Digest algorithms", description = "Offered, best first, to users without their "
                + "own setting: SHA-256, MD5. MD5 alone by default, as phones that give up on a challenge they cannot "
                + "answer (baresip 1.0 with SHA-256) then register; a user's own setting offers SHA-256 to its phone")
        String[] algorithms() default { "MD5" };

        @AttributeDefinition(name = "Minimum registration expiry (s)", min = "1")
        int minExpires() default 60;

        @AttributeDefinition(name = "Maximum registration expiry (s)", min = "1")
        int maxExpires() default 7200;

        @AttributeDefinition(name = "Default registration expiry (s)", min = "1")
        int defaultExpires() default 3600;

        @AttributeDefinition(name = "Contacts per user", min = "1")
        int maxContacts() default 10;

        @AttributeDefinition(name = "Ring timeout (s)", description = "Unanswered calls end with 480 after this", min = "1")
        int ringTimeout() default 60;

        @AttributeDefinition(name = "Maximum concurrent calls", description = "New calls past it get 503 + Retry-After")
        int maxCalls() default 25000;

        @AttributeDefinition(name = "Maximum calls in setup", description = "Unanswered calls at once; past it 503")
        int maxCallsInSetup() default 2000;

        @AttributeDefinition(name = "Retry-After of 503 (s)", min = "1")
        int retryAfter() default 5;

        @AttributeDefinition(name = "Advertised address", description = "Address in Via and Contact when listening on "
                + "0.0.0.0; empty: the first non-loopback IPv4 address of this host")
        String advertisedAddress() default "";

        @AttributeDefinition(name = "Record source", description = "Source name of this switch's call records")
        String source() default "switchboard";

        @AttributeDefinition(name = "Trunk probe interval (s)", description = "OPTIONS to every trunk this often", min = "1")
        int probeInterval() default 30;

        @AttributeDefinition(name = "SIP threads", description = "Threads serving SIP messages received over UDP",
                min = "1", max = "256")
        int threads() default 16;
    }
    private static final Logger LOG = System.getLogger(SipServer.class.getName());
    /** The largest SIP message read from UDP, and the buffer each waiting datagram holds. */
    static final int MAX_MESSAGE_SIZE = 16_384;
    /** A datagram that waited this long for a SIP thread is dropped unread: its sender has retransmitted it. */
    static final int CONGESTION_TIMEOUT_MILLIS = 2_000;
    private final UdpIngress udpIngress;

    private final SipStack stack;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final ListeningPoints listening;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong responses = new AtomicLong();

    private final AddressFactory addresses;
    private final Provisioning provisioning;
    private final Trunks trunks;
    private final String advertised;
    private volatile NumberNormalization numbering;
    private final Registrar registrar;
    private final SipStore store;
    private final java.util.function.Consumer<String> forget;
    private final B2bua b2bua;
    private final ScheduledExecutorService timer;
    private final CallRecords records = new CallRecords();
    private final CallJournal journal;

    @Activate
    public SipServer(Config config, @Reference SipStore store, BundleContext context) throws SipException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        // SipFactory hands out the stack it made before under the same name: a re-activated
        // switch (new settings) must get a stack of its own, not its stopped predecessor
        int threads = positive("threads", config.threads());
        if (threads > 256) {
            throw new IllegalArgumentException("Invalid setting " + PID + " threads=" + threads + ": at most 256");
        }
        stack = factory.createSipStack(stackProperties("switchboard-" + STACKS.incrementAndGet(), threads));
        // before any listening point exists: each message channel takes its parser from the factory
        gov.nist.javax.sip.stack.SIPTransactionStack nist = (gov.nist.javax.sip.stack.SIPTransactionStack) stack;
        nist.setMessageParserFactory(StrictMessageParser.FACTORY);
        udpIngress = new UdpIngress(nist.getMessageProcessorFactory(),
                UdpIngress.capacityFor(Runtime.getRuntime().maxMemory(), MAX_MESSAGE_SIZE), CONGESTION_TIMEOUT_MILLIS);
        nist.setMessageProcessorFactory(udpIngress);
        try {
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException("SIP factories unavailable", e);
        }
        realm = setting("realm", config.realm());
        algorithmTokens = algorithms(config).stream().map(a -> a.token).toList();
        Authenticator auth = new Authenticator(store, realm, algorithms(config),
                messages, headers);
        Registrar.Limits limits = new Registrar.Limits(positive("minExpires", config.minExpires()),
                positive("maxExpires", config.maxExpires()), positive("defaultExpires", config.defaultExpires()),
                positive("maxContacts", config.maxContacts()));
        if (limits.minExpires() > limits.maxExpires()) {
            throw new IllegalArgumentException("Invalid setting " + PID + " minExpires=" + limits.minExpires()
                    + ": above maxExpires=" + limits.maxExpires());
        }
        registrar = new Registrar(store, auth, limits, messages, headers, addresses);
        this.store = store;
        this.forget = auth::forget;
        store.onUserChange(forget);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-sip-timer");
            t.setDaemon(true);
            return t;
        });
        listening = new ListeningPoints(stack, this, timer);
        B2bua.Limits callLimits = new B2bua.Limits(positive("ringTimeout", config.ringTimeout()),
                positive("maxCalls", config.maxCalls()), positive("maxCallsInSetup", config.maxCallsInSetup()),
                positive("retryAfter", config.retryAfter()));
        String advertised = config.advertisedAddress() == null || config.advertisedAddress().isBlank()
                ? firstAddress() : config.advertisedAddress().trim();
        this.advertised = advertised;
        String data = context.getProperty("switchboard.data");
        provisioning = new Provisioning(store.dataSource(), new Secrets(java.nio.file.Path.of(data == null ? "." : data,
                "keys", "secrets.key")));
        CallEvents events = new CallEvents(() -> eventAdmin);
        trunks = new Trunks(provisioning, messages, headers, addresses, this::provider, this::addressFor, timer,
                positive("probeInterval", config.probeInterval()), events);
        journal = new CallJournal(store.dataSource());
        b2bua = new B2bua(store, provisioning, trunks, this::e164, auth, journal, events,
                messages, headers, addresses,
                this::provider,
                timer, records::add, callLimits, setting("source", config.source()), advertised);
        if (!StrictMessageParser.quietParserNesting()) {
            LOG.log(Level.WARNING, "jain-sip's parser nesting counter not found: parsing may slow down over time");
        }
        timer.scheduleWithFixedDelay(StrictMessageParser::quietParserNesting, 10, 10, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                int n = store.purgeExpired(java.time.Instant.now());
                if (n > 0) {
                    LOG.log(Level.DEBUG, "Removed " + n + " expired registrations");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot remove expired registrations: " + e.getMessage());
            }
        }, 30, 60, TimeUnit.SECONDS);
        records.journal(journal::stored, journal::keep);
        journal.recover().forEach(records::add);
        stack.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(Listener listener) {
        listening.add(listener);
    }

    void removeListener(Listener listener) {
        listening.remove(listener);
    }

    private static String setting(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid setting " + PID + " " + name + "=: must not be empty");
        }
        return value.trim();
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid setting " + PID + " " + name + "=" + value + ": must be 1 or more");
        }
        return value;
    }

    private static List<Digest.Algorithm> algorithms(Config config) {
        List<Digest.Algorithm> out = new ArrayList<>();
        for (String token : String.join(",", config.algorithms()).split(",")) {
            Digest.Algorithm a = token.isBlank() ? null : Digest.Algorithm.of(token.trim());
            if (a == null) {
                throw new IllegalArgumentException("Invalid setting " + PID + " algorithms=" + token
                        + ": SHA-256 or MD5");
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Invalid setting " + PID + " algorithms: at least one of SHA-256, MD5");
        }
        return out;
    }

    /** @return the first non-loopback IPv4 address of this host, else 127.0.0.1 */
    static String firstAddress() {
        try {
            for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            LOG.log(Level.WARNING, "Cannot list network interfaces: " + e.getMessage());
        }
        return "127.0.0.1";
    }

    /** @return a provider with a listening point for the transport, or null */
    private SipProvider provider(String transport) {
        return listening.provider(transport);
    }

    /** Call events go out while there is an Event Admin; without one they are not made. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Override
    public List<ActiveCall> activeCalls() {
        List<ActiveCall> out = new ArrayList<>();
        for (Call c : b2bua.calls()) {
            synchronized (c) {
                out.add(new ActiveCall(c.id, c.state.name().toLowerCase(java.util.Locale.ROOT), c.aCallId(), c.bCallId,
                        c.caller, c.callee, c.target, c.start, c.answer));
            }
        }
        out.sort(java.util.Comparator.comparing(ActiveCall::start));
        return out;
    }

    @Override
    public boolean hangUp(String id) {
        return b2bua.hangup(id);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setNumbering(NumberNormalization n) {
        this.numbering = n;
    }

    void unsetNumbering(NumberNormalization n) {
        if (this.numbering == n) {
            this.numbering = null;
        }
    }

    /** @return the E.164 form of a dialled number, or null when it has none */
    String e164(String dialled) {
        if (dialled == null) {
            return null;
        }
        NumberNormalization n = numbering;
        if (n == null) {
            return dialled.matches("\\+[1-9][0-9]{6,14}") ? dialled : null;
        }
        if (dialled.chars().anyMatch(Character::isLetter)) {
            // a user name such as "alice": never a number, and the service's exception (with its
            // stack trace) on every call from a user cost more than the rest of the lookup
            return null;
        }
        try {
            return n.normalize(dialled, null).e164();
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
    }

    /** @return our address as a peer should see it: loopback for local peers, else the advertised one */
    String addressFor(String peer) {
        if (peer != null && (peer.startsWith("127.") || peer.equals("localhost") || peer.equals("::1"))) {
            return "127.0.0.1";
        }
        return advertised;
    }

    /**
     * The route simulator: what an outbound call from {@code caller} to {@code number} at
     * {@code time} (ISO instant or local date-time in UTC, default now) would do, and why.
     */
    Map<String, Object> simulate(String caller, String number, String time) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("Parameter 'number' is required");
        }
        java.time.Instant when;
        try {
            when = time == null || time.isBlank() ? java.time.Instant.now()
                    : time.endsWith("Z") || time.matches(".*[+-][0-9]{2}:[0-9]{2}$")
                            ? java.time.OffsetDateTime.parse(time).toInstant()
                            : java.time.LocalDateTime.parse(time).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid time '" + time + "': like 2026-11-24T23:30:00Z");
        }
        String dialled = number.trim();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("caller", caller);
        out.put("number", dialled);
        out.put("time", when.toString());
        String e164 = e164(dialled);
        if (caller != null && !caller.isBlank() && provisioning.number(e164 == null ? "" : e164).isPresent()) {
            out.put("result", "internal: " + e164 + " is our number, to " + provisioning.number(e164).get().destination());
            return out;
        }
        Routing.Decision d = Routing.decide(provisioning.routes(), dialled, e164, when, trunks::unusable);
        out.put("result", !d.routed() ? "no route" : d.trunks().stream().anyMatch(Routing.Candidate::usable)
                ? "routed" : "no trunk available");
        out.put("route", d.route());
        out.put("e164", d.e164());
        out.put("dialled", d.send());
        out.put("trunks", d.trunks());
        out.put("why", d.why());
        return out;
    }

    Provisioning provisioning() {
        return provisioning;
    }

    Trunks trunks() {
        return trunks;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCdrService(CdrService cdr) {
        records.attach(cdr);
    }

    void unsetCdrService(CdrService cdr) {
        records.detach(cdr);
    }

    private final String realm;
    private final List<String> algorithmTokens;

    String realm() {
        return realm;
    }

    /** @return the digest algorithms of users without their own setting, best first */
    List<String> defaultAlgorithms() {
        return algorithmTokens;
    }

    /** @return what GET /sip/status and sip:status show */
    Map<String, Object> status() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("listeningPoints", listeningPoints());
        body.put("notListening", listening.notListening());
        body.put("realm", realm);
        body.put("algorithms", algorithmTokens);
        body.put("requests", requestCounts());
        body.put("responses", responseCount());
        body.put("activeCalls", b2bua.calls().size());
        body.put("completedCalls", b2bua.completed());
        body.put("rejectedOverload", b2bua.rejectedOverload());
        body.put("registersShed", registersShed.get());
        body.put("registersAnsweredAgain", registersAnsweredAgain.get());
        body.put("udpDatagramsDropped", udpIngress.dropped());
        long[] writes = store.bindingWriteCounts();
        body.put("bindingWrites", writes[0]);
        body.put("bindingCommits", writes[1]);
        body.put("recordsHandedToCdr", records.handed());
        body.put("recordsPending", records.pending());
        body.put("recordsRefused", records.refused());
        return body;
    }

    List<Map<String, Object>> activeCallMaps() {
        return SipServlet.calls(b2bua);
    }

    B2bua b2bua() {
        return b2bua;
    }

    CallRecords records() {
        return records;
    }

    @Deactivate
    void stop() {
        store.removeUserChangeListener(forget);
        b2bua.stop();
        records.close();
        journal.close();
        timer.shutdownNow();
        listening.closeAll();
        stack.stop();
    }

    /** @return the listening points whose socket is open, as transport:address:port */
    List<String> listeningPoints() {
        return listening.listening();
    }

    Map<String, Long> requestCounts() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((m, n) -> out.put(m, n.get()));
        return out;
    }

    long responseCount() {
        return responses.get();
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        // counted by name only for the methods of SIP: made-up ones share one counter, or a sender
        // could grow the table (and /sip/status) without bound
        requests.computeIfAbsent(RequestKind.counter(method), m -> new AtomicLong()).incrementAndGet();
        RequestKind kind = RequestKind.of(request);
        if (kind == RequestKind.VERSION_NOT_SUPPORTED) {
            versionNotSupported(event, ((StrictMessageParser.UnsupportedVersion) ((gov.nist.javax.sip.message.SIPMessage)
                    request).getApplicationData()).version());
            return;
        }
        if (kind == RequestKind.ACK) {
            try {
                b2bua.ack(event);
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot relay an ACK: " + e);
            }
            return;
        }
        SipProvider provider = (SipProvider) event.getSource();
        PacketSource.correctReceived(request);
        try {
            DisplayNames.normalize(request);
            if (request.getHeader(javax.sip.header.MaxForwardsHeader.NAME) == null) {
                // RFC 2543 clients send none; the stack needs one to make a transaction
                request.addHeader(headers.createMaxForwardsHeader(70));
            }
            ServerTransaction tx = null;
            if (!kind.stateless()) {
                tx = event.getServerTransaction();
                if (tx == null) {
                    try {
                        tx = provider.getNewServerTransaction(request);
                    } catch (TransactionAlreadyExistsException retransmission) {
                        return; // the stack answers retransmissions from the transaction
                    } catch (javax.sip.TransactionUnavailableException unusable) {
                        // the stack will not make a transaction of it (an INVITE without Contact, say):
                        // say so without one
                        Response bad = messages.createResponse(Response.BAD_REQUEST, request);
                        bad.setReasonPhrase(StrictMessageParser.readable(unusable.getMessage()));
                        provider.sendResponse(bad);
                        return;
                    }
                }
            }
            Response refused = refuse(request);
            if (refused != null) {
                send(provider, tx, refused);
                return;
            }
            dispatch(kind, event, provider, tx);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot answer " + method + ": " + e);
        }
    }

    /** Hands a request that passed the checks every request gets to the handler of its kind. */
    private void dispatch(RequestKind kind, RequestEvent event, SipProvider provider, ServerTransaction tx)
            throws Exception {
        Request request = event.getRequest();
        switch (kind) {
            case REGISTER -> register(provider, request);
            case CANCEL -> b2bua.cancel(event, tx);
            case IN_DIALOG -> b2bua.inDialog(event, tx);
            case INITIAL_INVITE -> b2bua.invite(event, tx);
            case OPTIONS -> {
                Response ok = messages.createResponse(Response.OK, request);
                ok.addHeader(headers.createAllowHeader(ALLOW));
                ok.addHeader(headers.createAcceptHeader("application", "sdp"));
                send(provider, tx, ok);
            }
            case NO_DIALOG -> send(provider, tx, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    request));
            default -> {
                Response unsupported = messages.createResponse(Response.NOT_IMPLEMENTED, request);
                unsupported.addHeader(headers.createAllowHeader(ALLOW));
                send(provider, tx, unsupported);
            }
        }
    }

    /** 505 for a request of another SIP version, without a transaction; an ACK gets nothing. */
    private void versionNotSupported(RequestEvent event, String version) {
        if (Request.ACK.equals(event.getRequest().getMethod())) {
            return;
        }
        try {
            Response r = messages.createResponse(Response.VERSION_NOT_SUPPORTED, event.getRequest());
            r.setReasonPhrase("Version Not Supported (" + version + "; this server speaks SIP/2.0)");
            ((SipProvider) event.getSource()).sendResponse(r);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot answer a request of " + version + ": " + e);
        }
    }

    /**
     * Checks every request gets before it is served (RFC 3261 8.2): URI scheme (416), required
     * extensions (420 with Unsupported), body type of an INVITE (415 with Accept) and headers in the
     * request URI (400). A Date that is not GMT never gets here: {@link SipSyntax} refuses it.
     *
     * @return the refusal, or null when the request may be served
     */
    private Response refuse(Request request) throws java.text.ParseException {
        String scheme = request.getRequestURI().getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips") && !scheme.equals("tel")) {
            return messages.createResponse(Response.UNSUPPORTED_URI_SCHEME, request);
        }
        if (request.getRequestURI() instanceof javax.sip.address.SipURI uri && uri.getHeaderNames().hasNext()) {
            Response r = messages.createResponse(Response.BAD_REQUEST, request);
            r.setReasonPhrase("Headers in the Request-URI");
            return r;
        }
        if (!Request.REGISTER.equals(request.getMethod())) {
            List<String> unsupported = new ArrayList<>();
            java.util.ListIterator<?> require = request.getHeaders(javax.sip.header.RequireHeader.NAME);
            while (require.hasNext()) {
                unsupported.add(((javax.sip.header.RequireHeader) require.next()).getOptionTag());
            }
            if (!unsupported.isEmpty() && !Request.ACK.equals(request.getMethod())
                    && !Request.CANCEL.equals(request.getMethod())) {
                Response r = messages.createResponse(Response.BAD_EXTENSION, request);
                for (String tag : unsupported) {
                    r.addHeader(headers.createUnsupportedHeader(tag));
                }
                return r;
            }
        }
        javax.sip.header.ContentTypeHeader type = (javax.sip.header.ContentTypeHeader) request
                .getHeader(javax.sip.header.ContentTypeHeader.NAME);
        if (Request.INVITE.equals(request.getMethod()) && request.getRawContent() != null
                && request.getRawContent().length > 0 && (type == null
                        || !(type.getContentType() + "/" + type.getContentSubType()).equalsIgnoreCase("application/sdp"))) {
            Response r = messages.createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request);
            r.addHeader(headers.createAcceptHeader("application", "sdp"));
            return r;
        }
        return null;
    }

    /**
     * The stack's settings.
     *
     * @param threads SIP threads serving UDP: 16 in the switch (releng/bench-sip.sh on 2 cores: with
     *            4, REGISTER took less CPU but calls/s fell by a third, the B2BUA reads the database on
     *            them; with 32 calls/s fell too; docs/benchmarks.md)
     */
    static Properties stackProperties(String name, int threads) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(threads));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // Memory under overload. The stack reads every datagram into a buffer of MAX_MESSAGE_SIZE
        // bytes and keeps it while the datagram waits in its queue for a thread; with 64 KB buffers,
        // an unbounded queue and the default 8 s wait, a 1 GB heap ran out at 6,000 REGISTER/s and the
        // OutOfMemoryError killed the UDP reader thread for good. Now: 16 KB buffers (also the largest
        // message read), a queue bounded by UdpIngress (full: the datagram is dropped on arrival), and
        // a datagram that waited 2 s is dropped unread (its sender has retransmitted it); finished transactions
        // (lingering 32 s over UDP for retransmissions) keep only what they still need, and their
        // table is capped in proportion to the heap, past which the stack drops new requests.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", Integer.toString(CONGESTION_TIMEOUT_MILLIS));
        // ("Normal" references: a finished transaction keeps its request as bytes and parses them again
        // when it ends, about a fifth of the CPU at 4,000 REGISTER/s. The "Aggressive" strategy avoids
        // that, but with it some INVITEs of the RFC 4475 corpus got no answer at all, so not yet.)
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Long.toString(maxServerTransactions()));
        // bursts of UDP must wait in the socket, not be dropped before the stack reads them
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "4194304");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "4194304");
        return p;
    }

    /** About 2 KB per finished transaction in a quarter of the heap, at least 10,000. */
    static long maxServerTransactions() {
        return Math.max(10_000, Runtime.getRuntime().maxMemory() / 4 / 2048);
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
    private void register(SipProvider provider, Request request) throws Exception {
        String key = Authenticator.requestKey(request);
        String earlier = answered.answerTo(key);
        if (earlier != null) {
            registersAnsweredAgain.incrementAndGet();
            send(provider, null, messages.createResponse(earlier));
            return;
        }
        if (registering.putIfAbsent(key, Boolean.TRUE) != null) {
            return; // its original is still being served
        }
        if (store.backlogMillis() > REGISTER_BACKLOG_MILLIS) {
            Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.addHeader(headers.createRetryAfterHeader(b2bua.retryAfter()));
            registersShed.incrementAndGet();
            answer(provider, key, busy);
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
                    answer(provider, key, response);
                } else {
                    LOG.log(Level.WARNING, "REGISTER not stored: " + failure.getMessage());
                    Response error = messages.createResponse(Response.SERVER_INTERNAL_ERROR, request);
                    error.setReasonPhrase("Registration not stored");
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
            send(provider, null, response);
        } finally {
            // kept before the key is released, so that no retransmission finds neither
            if (response.getStatusCode() != Response.UNAUTHORIZED) {
                answered.answered(key, response);
            }
            registering.remove(key);
        }
    }

    private final AtomicLong registersAnsweredAgain = new AtomicLong();
    private final AtomicLong registersShed = new AtomicLong();

    /** Sends a final response in its transaction, or without one (stateless) when tx is null. */
    private void send(SipProvider provider, ServerTransaction tx, Response response)
            throws SipException, InvalidArgumentException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null && response.getStatusCode() > 100) {
            try {
                to.setTag(Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        if (tx != null) {
            tx.sendResponse(response);
        } else {
            provider.sendResponse(response);
        }
        responses.incrementAndGet();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            if (event.getClientTransaction() != null
                    && event.getClientTransaction().getApplicationData() instanceof Trunks.Pending p) {
                p.response(event);
                return;
            }
            b2bua.response(event);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot handle a " + event.getResponse().getStatusCode() + " response: " + e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof Trunks.Pending p) {
            p.timeout();
            return;
        }
        b2bua.timeout(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(Level.DEBUG, "SIP I/O error with " + event.getHost() + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing to clean up: calls end on final responses, BYE, CANCEL and dialog termination
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        b2bua.dialogTerminated(event.getDialog());
    }
}
