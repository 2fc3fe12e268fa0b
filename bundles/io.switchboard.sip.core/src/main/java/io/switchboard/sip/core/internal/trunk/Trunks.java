package io.switchboard.sip.core.internal.trunk;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.handler.api.PendingRequest;
import io.switchboard.sip.routing.TrunkUse;
import io.switchboard.sip.stack.PacketSource;
import io.switchboard.sip.transport.TlsConnections;

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
        /** This switch's calls on the trunk. */
        public final AtomicInteger channels = new AtomicInteger();
        /** The other switches' calls on the trunk, as they last wrote them ({@code TrunkChannels}). */
        public volatile int elsewhere;
        volatile ScheduledFuture<?> nextRegister;
        volatile long registerCseq;
        volatile String registerCallId;

        State(String name) {
            this.name = name;
        }

        /** @return the trunk's calls on every switch on the database: what its maxChannels limits */
        public int inUse() {
            return channels.get() + elsewhere;
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
    private final CarrierRequests requests;

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
        this.requests = new CarrierRequests(credentials, messages, headers, addresses, providers, advertised);
        TrunkRegistrations registrations = new TrunkRegistrations(provisioning, headers, providers, advertised, timer,
                this::state, requests);
        timer.scheduleWithFixedDelay(this::probeAll, 2, probeSeconds, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(registrations::sync, 1, 10, TimeUnit.SECONDS);
    }

    public State state(String trunk) {
        return states.computeIfAbsent(trunk, State::new);
    }

    /** @return this switch's calls on each trunk it has carried calls on since it started */
    public Map<String, Integer> channelsHere() {
        Map<String, Integer> out = new HashMap<>();
        states.forEach((name, s) -> out.put(name, s.channels.get()));
        return out;
    }

    /** @return null when the trunk can take one more call now, else why not */
    public String unusable(String trunk) {
        Optional<Trunk> t = provisioning.trunk(trunk);
        t.ifPresent(tls::check);
        return t.isEmpty() ? "no such trunk" : TrunkUse.unusable(t.get(), snapshot(t.get()), Instant.now(), false);
    }

    /** @return the same for an emergency call, which the trunk's channel limit never refuses */
    public String unusableForEmergency(String trunk) {
        Optional<Trunk> t = provisioning.trunk(trunk);
        t.ifPresent(tls::check);
        return t.isEmpty() ? "no such trunk" : TrunkUse.unusable(t.get(), snapshot(t.get()), Instant.now(), true);
    }


    /**
     * @return the trunk a request comes from, known by its packet's source; none when the request
     *         carries Proxy-Authorization (a user who authenticates is judged as a user)
     */
    public Optional<Trunk> sender(Request request) {
        if (request.getHeader("Proxy-Authorization") != null) {
            return Optional.empty();
        }
        PacketSource source =
                PacketSource.of(request);
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
                s.registeredUntil, s.inUse(), t.maxChannels());
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
            m.put("channelsHere", state(t.name()).channels.get());
            m.put("maxChannels", s.maxChannels());
            out.add(m);
        }
        return out;
    }

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
            Request options = requests.request(t, Request.OPTIONS, null, 1, "sip:" + t.host() + ":" + t.port());
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

    /** Adds Authorization / Proxy-Authorization answering the carrier's challenge, SHA-256 preferred. */
    public void authorize(Request request, Response challenge, Trunk t) throws Exception {
        requests.authorize(request, challenge, t);
    }

    /** @return a Call-ID that names the address peers know us by (jain-sip's names the wildcard address) */
    public static String newCallId(String host) {
        return UUID.randomUUID() + "@" + (host.contains(":") ? "[" + host + "]" : host);
    }
}
