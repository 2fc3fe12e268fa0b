package io.switchboard.sip.core.internal.trunk;

import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.core.internal.digest.Digest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.core.internal.tls.TlsConnections;
import io.switchboard.sip.api.provisioning.TrunkService;

import io.switchboard.sip.core.internal.dispatch.PendingRequest;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The live side of trunks: OPTIONS health probes (up/down, since when, round-trip time),
 * outbound registration of registration trunks (answering the carrier's challenge, refreshing
 * before expiry, backing off on failure), channels in use, and recognising calls that come from
 * a trunk. The trunks themselves are in the database ({@link TrunkService}); this state is what
 * the switch sees now.
 */
public final class Trunks {

    private static final Logger LOG = System.getLogger(Trunks.class.getName());
    static final long MAX_BACKOFF_SECONDS = 900;

    /** Live state of one trunk. */
    public static final class State {
        final String name;
        volatile boolean up = true;
        volatile Instant since = Instant.now();
        volatile long rttMillis = -1;
        volatile Instant lastProbe;
        volatile String registration = "not registering";
        volatile Instant registeredUntil;
        volatile long backoffSeconds;
        public final AtomicInteger channels = new AtomicInteger();
        volatile ScheduledFuture<?> nextRegister;
        volatile long registerCseq;
        volatile String registerCallId;

        State(String name) {
            this.name = name;
        }
    }

    private final TrunkService provisioning;
    private final SipCredentials credentials;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Function<String, SipProvider> providers;
    private final TlsConnections tls;
    private final Function<String, String> advertised;
    private final ScheduledExecutorService timer;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final EventPoster events;

    public Trunks(TrunkService provisioning, SipCredentials credentials, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
            Function<String, SipProvider> providers, Function<String, String> advertised,
            ScheduledExecutorService timer, int probeSeconds, EventPoster events) {
        this.provisioning = provisioning;
        this.credentials = credentials;
        this.events = events;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.providers = providers;
        this.tls = new TlsConnections(providers);
        this.advertised = advertised;
        this.timer = timer;
        timer.scheduleWithFixedDelay(this::probeAll, 2, probeSeconds, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::syncRegistrations, 1, 10, TimeUnit.SECONDS);
    }

    public State state(String trunk) {
        return states.computeIfAbsent(trunk, State::new);
    }

    /** @return null when the trunk can take one more call now, else why not */
    public String unusable(String trunk) {
        Optional<Trunk> t = provisioning.trunk(trunk);
        t.ifPresent(tls::check);
        return t.isEmpty() ? "no such trunk" : unusable(t.get(), snapshot(t.get()), Instant.now(), false);
    }

    /** @return the same for an emergency call, which the trunk's channel limit never refuses */
    public String unusableForEmergency(String trunk) {
        Optional<Trunk> t = provisioning.trunk(trunk);
        t.ifPresent(tls::check);
        return t.isEmpty() ? "no such trunk" : unusable(t.get(), snapshot(t.get()), Instant.now(), true);
    }

    /**
     * @param s its live state, or null when the switch is not running (then only what is stored counts)
     * @param emergency whether the call is an emergency call, which channel limits never refuse
     * @return null when the trunk can take one more call at {@code now}, else why not
     */
    public static String unusable(Trunk t, TrunkState s, Instant now, boolean emergency) {
        if (!t.enabled()) {
            return "disabled";
        }
        if (s == null) {
            return null;
        }
        if (!s.up()) {
            return "down since " + s.since();
        }
        if (t.register() && (s.registeredUntil() == null || s.registeredUntil().isBefore(now))) {
            return "not registered (" + s.registration() + ")";
        }
        if (!emergency && t.maxChannels() > 0 && s.channels() >= t.maxChannels()) {
            return "all " + t.maxChannels() + " channels in use";
        }
        return null;
    }

    /**
     * @return the trunk a request comes from, known by its packet's source; none when the request
     *         carries Proxy-Authorization (a user who authenticates is judged as a user)
     */
    public Optional<Trunk> sender(javax.sip.message.Request request) {
        if (request.getHeader("Proxy-Authorization") != null) {
            return Optional.empty();
        }
        io.switchboard.sip.core.internal.stack.PacketSource source =
                io.switchboard.sip.core.internal.stack.PacketSource.of(request);
        return fromAddress(source.host(), source.port());
    }

    /**
     * @return the enabled trunk that calls from this address belong to: its listed addresses
     *         ("203.0.113.5" any port, "203.0.113.5:5060" that port only), else its host on any port
     */
    public Optional<Trunk> fromAddress(String ip, int port) {
        for (Trunk t : provisioning.trunks()) {
            if (!t.enabled()) {
                continue;
            }
            List<String> allowed = new ArrayList<>(t.addresses());
            if (allowed.isEmpty()) {
                allowed.add(t.host());
            }
            for (String a : allowed) {
                String host = a;
                int only = -1;
                int colon = a.lastIndexOf(':');
                if (colon > 0 && a.indexOf(':') == colon) {
                    host = a.substring(0, colon);
                    only = Integer.parseInt(a.substring(colon + 1));
                }
                if (only >= 0 && only != port) {
                    continue;
                }
                try {
                    for (InetAddress addr : InetAddress.getAllByName(host)) {
                        if (addr.getHostAddress().equals(ip)) {
                            return Optional.of(t);
                        }
                    }
                } catch (UnknownHostException e) {
                    // a name that does not resolve matches nothing
                }
            }
        }
        return Optional.empty();
    }

    /** @return what the switch sees of a trunk now */
    public TrunkState snapshot(Trunk t) {
        State s = state(t.name());
        return new TrunkState(t.name(), s.up, s.since, s.rttMillis, s.lastProbe, t.register() ? s.registration : null,
                s.registeredUntil, s.channels.get(), t.maxChannels());
    }

    /** @return live state of every trunk, for the API and the shell */
    public List<Map<String, Object>> status() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Trunk t : provisioning.trunks()) {
            TrunkState s = snapshot(t);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("enabled", t.enabled());
            m.put("state", !t.enabled() ? "disabled" : s.up() ? "up" : "down");
            m.put("since", s.since().toString());
            m.put("rttMillis", s.rttMillis());
            m.put("lastProbe", s.lastProbe() == null ? null : s.lastProbe().toString());
            m.put("registration", s.registration());
            m.put("registeredUntil", s.registeredUntil() == null ? null : s.registeredUntil().toString());
            m.put("channels", s.channels());
            m.put("maxChannels", s.maxChannels());
            out.add(m);
        }
        return out;
    }

    // ---------------------------------------------------------------- probes

    private void probeAll() {
        try {
            for (Trunk t : provisioning.trunks()) {
                if (t.enabled() && t.probe()) {
                    probe(t);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Trunk probes failed: " + e.getMessage());
        }
    }

    void probe(Trunk t) {
        tls.check(t);
        State s = state(t.name());
        try {
            Request options = request(t, Request.OPTIONS, null, 1, "sip:" + t.host() + ":" + t.port());
            ClientTransaction ct = providers.apply(t.transport()).getNewClientTransaction(options);
            long sent = System.nanoTime();
            ct.setApplicationData(new PendingRequest() {
                @Override
                public void response(ResponseEvent event) {
                    if (event.getResponse().getStatusCode() < 200) {
                        return;
                    }
                    // any final answer means the carrier is there (even 404 or 405)
                    s.rttMillis = (System.nanoTime() - sent) / 1_000_000;
                    s.lastProbe = Instant.now();
                    mark(s, true);
                }

                @Override
                public void timeout() {
                    s.lastProbe = Instant.now();
                    mark(s, false);
                }
            });
            ct.sendRequest();
        } catch (Exception e) {
            s.lastProbe = Instant.now();
            mark(s, false);
            LOG.log(Level.DEBUG, "Cannot probe trunk " + t.name() + ": " + e.getMessage());
        }
    }

    /** Marks a trunk up or down (a failed call attempt can mark it down before the next probe). */
    public void mark(State s, boolean up) {
        if (s.up != up) {
            s.up = up;
            s.since = Instant.now();
            LOG.log(up ? Level.INFO : Level.WARNING, "Trunk " + s.name + " is " + (up ? "up" : "down"));
            events.trunk(s.name, up, s.rttMillis);
        }
    }

    // ---------------------------------------------------------------- registration

    private void syncRegistrations() {
        try {
            for (Trunk t : provisioning.trunks()) {
                State s = state(t.name());
                if (t.enabled() && t.register()) {
                    if (s.nextRegister == null || s.nextRegister.isDone() && s.registeredUntil == null
                            && s.backoffSeconds == 0) {
                        s.nextRegister = timer.schedule(() -> register(t.name(), null), 0, TimeUnit.SECONDS);
                    }
                } else if (s.nextRegister != null) {
                    s.nextRegister.cancel(false);
                    s.nextRegister = null;
                    s.registration = "not registering";
                    s.registeredUntil = null;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Trunk registrations failed: " + e.getMessage());
        }
    }

    /** Sends REGISTER (again with credentials when {@code challenge} is given). */
    private void register(String name, Response challenge) {
        Optional<Trunk> found = provisioning.trunk(name);
        if (found.isEmpty() || !found.get().register() || !found.get().enabled()) {
            return;
        }
        Trunk t = found.get();
        State s = state(name);
        try {
            if (s.registerCallId == null) {
                s.registerCallId = newCallId(advertised.apply(t.host()));
            }
            s.registerCseq++;
            String uri = "sip:" + t.host() + (t.port() == 5060 ? "" : ":" + t.port());
            Request register = request(t, Request.REGISTER, s.registerCallId, s.registerCseq, uri);
            register.addHeader(headers.createExpiresHeader(t.registerExpires()));
            if (challenge != null) {
                authorize(register, challenge, t);
            }
            ClientTransaction ct = providers.apply(t.transport()).getNewClientTransaction(register);
            ct.setApplicationData(new PendingRequest() {
                @Override
                public void response(ResponseEvent event) {
                    registered(t, s, event.getResponse(), challenge != null);
                }

                @Override
                public void timeout() {
                    failed(t, s, "no answer from " + t.host());
                }
            });
            ct.sendRequest();
            s.registration = challenge == null ? "registering" : "registering (answering challenge)";
        } catch (Exception e) {
            failed(t, s, e.getMessage());
        }
    }

    private void registered(Trunk t, State s, Response r, boolean answeredChallenge) {
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && !answeredChallenge) {
            register(t.name(), r);
            return;
        }
        if (status / 100 != 2) {
            failed(t, s, status + " " + r.getReasonPhrase());
            return;
        }
        int expires = t.registerExpires();
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        ExpiresHeader eh = r.getExpires();
        if (contact != null && contact.getExpires() > 0) {
            expires = contact.getExpires();
        } else if (eh != null && eh.getExpires() > 0) {
            expires = eh.getExpires();
        }
        s.registeredUntil = Instant.now().plusSeconds(expires);
        s.registration = "registered";
        s.backoffSeconds = 0;
        long refresh = Math.max(5, Math.min(expires - 30, expires * 4L / 5));
        s.nextRegister = timer.schedule(() -> register(t.name(), null), refresh, TimeUnit.SECONDS);
        LOG.log(Level.INFO, "Trunk " + t.name() + " registered for " + expires + " s");
    }

    private void failed(Trunk t, State s, String why) {
        s.backoffSeconds = s.backoffSeconds == 0 ? 30 : Math.min(MAX_BACKOFF_SECONDS, s.backoffSeconds * 2);
        s.registration = "failed: " + why + "; next attempt in " + s.backoffSeconds + " s";
        if (s.registeredUntil != null && s.registeredUntil.isBefore(Instant.now())) {
            s.registeredUntil = null;
        }
        LOG.log(Level.WARNING, "Trunk " + t.name() + " registration " + s.registration);
        s.nextRegister = timer.schedule(() -> register(t.name(), null), s.backoffSeconds, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- shared helpers

    /** Adds Authorization / Proxy-Authorization answering the carrier's challenge, SHA-256 preferred. */
    public void authorize(Request request, Response challenge, Trunk t) throws Exception {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        String name = proxy ? "Proxy-Authenticate" : WWWAuthenticateHeader.NAME;
        WWWAuthenticateHeader best = null;
        boolean withoutQop = false;
        ListIterator<?> it = challenge.getHeaders(name);
        while (it.hasNext()) {
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) it.next();
            Digest.Algorithm a = Digest.Algorithm.of(h.getAlgorithm());
            if (a != null && !offersQopAuth(h.getQop())) {
                withoutQop = true;
            } else if (a != null && (best == null || a == Digest.Algorithm.SHA_256)) {
                best = h;
            }
        }
        if (best == null && withoutQop) {
            // without qop the answer has no client nonce: whoever sees it can test passwords against it offline
            throw new IllegalStateException("the carrier's challenge offers no qop=auth; the trunk's password is not "
                    + "used to answer a challenge without it");
        }
        if (best == null) {
            throw new IllegalStateException("the carrier's challenge uses no algorithm we know");
        }
        String password = credentials.trunkPassword(t.name()).orElseThrow(
                () -> new IllegalStateException("trunk " + t.name() + " has no password for the carrier's challenge"));
        String value = Digest.answer(best.getRealm(), best.getNonce(), best.getAlgorithm(), best.getQop(),
                best.getOpaque(), request.getMethod(), request.getRequestURI().toString(), t.authUser(), password);
        request.setHeader(headers.createHeader(proxy ? "Proxy-Authorization" : "Authorization", value));
    }

    static boolean offersQopAuth(String qop) {
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    /** A new out-of-dialog request to the trunk, from the trunk's account. */
    private Request request(Trunk t, String method, String callId, long cseq, String uri)
            throws Exception {
        SipProvider provider = providers.apply(t.transport());
        ListeningPoint lp = provider.getListeningPoint(t.transport());
        String host = advertised.apply(t.host());
        String user = t.authUser() == null ? "switchboard" : t.authUser();
        SipURI fromUri = addresses.createSipURI(user, t.host());
        CallIdHeader cid = headers.createCallIdHeader(callId == null ? newCallId(host) : callId);
        List<ViaHeader> via = List.of(headers.createViaHeader(host, lp.getPort(), t.transport(), null));
        Request r = messages.createRequest(addresses.createURI(uri), method, cid, headers.createCSeqHeader(cseq, method),
                headers.createFromHeader(addresses.createAddress(fromUri), Long.toHexString(cseq ^ cid.hashCode())),
                headers.createToHeader(addresses.createAddress(fromUri), null), new ArrayList<>(via),
                headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI(user, host);
        contact.setPort(lp.getPort());
        if (!"udp".equals(t.transport().toLowerCase(Locale.ROOT))) {
            contact.setTransportParam(t.transport());
        }
        r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        return r;
    }

    /** @return a Call-ID that names the address peers know us by (jain-sip's names the wildcard address) */
    public static String newCallId(String host) {
        return java.util.UUID.randomUUID() + "@" + (host.contains(":") ? "[" + host + "]" : host);
    }
}
