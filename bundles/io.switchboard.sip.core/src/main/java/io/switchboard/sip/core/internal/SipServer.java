package io.switchboard.sip.core.internal;

import io.switchboard.sip.core.internal.dispatch.Dispatchers;
import io.switchboard.sip.core.internal.settings.SipSettings;
import io.switchboard.sip.core.internal.call.B2bua;
import io.switchboard.sip.core.internal.call.CallContext;
import io.switchboard.sip.core.internal.call.CallJournal;
import io.switchboard.sip.core.internal.guard.EmergencyPass;
import io.switchboard.sip.core.internal.guard.Guard;
import io.switchboard.sip.core.internal.guard.Guards;
import io.switchboard.sip.core.internal.guard.TrunkAddresses;
import io.switchboard.sip.core.internal.ladder.HepExporter;
import io.switchboard.sip.core.internal.ladder.LadderStore;
import io.switchboard.sip.core.internal.ladder.Ladders;
import io.switchboard.sip.core.internal.call.CallRecords;
import io.switchboard.sip.core.internal.call.CallTaggers;
import io.switchboard.sip.core.internal.call.LegAddresses;
import io.switchboard.sip.core.internal.call.MediaAnchor;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.RegisterService;
import io.switchboard.sip.core.internal.registrar.Registrar;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.routing.RoutingEngine;
import io.switchboard.sip.core.internal.stack.Listener;
import io.switchboard.sip.core.internal.stack.ListeningPoints;
import io.switchboard.sip.core.internal.stack.StackSettings;
import io.switchboard.sip.core.internal.tls.SwitchboardStack;
import io.switchboard.sip.core.internal.tls.TlsSettings;
import io.switchboard.sip.core.internal.stack.StrictMessageParser;
import io.switchboard.sip.core.internal.stack.UdpIngress;
import io.switchboard.sip.core.internal.trunk.Trunks;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.messaging.api.MessageDelivery;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.sip.core.internal.message.MessageRelay;
import io.switchboard.sip.core.internal.message.PhoneMessages;
import io.switchboard.sip.core.internal.message.TrunkMessages;
import io.switchboard.sip.core.internal.subscribe.PublishService;
import io.switchboard.sip.core.internal.subscribe.SubscribeService;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.SipGuard;
import io.switchboard.sip.api.TrunkHealth;
import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.TrunkService;

import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;

import org.osgi.framework.BundleContext;

import javax.sip.DialogTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.IOExceptionEvent;
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
import javax.sip.message.MessageFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The SIP stack (jain-sip-ri) with its listening points, settings {@value #PID} (required, so that
 * the switch starts once with the admin's settings instead of restarting when they arrive; the
 * server ships a default file). It answers
 * OPTIONS (the keep-alive and "qualify" probe of every peer), serves REGISTER through the
 * {@link Registrar} and hands calls to the B2BUA. Calls get server transactions, so their
 * retransmissions are absorbed by the stack; REGISTER and OPTIONS are answered without one.
 * Malformed messages are answered 400 or dropped by the stack itself.
 */
@Component(service = { SipServer.class, CallControl.class, TrunkHealth.class, SipGuard.class,
        io.switchboard.sip.api.Registrations.class }, immediate = true, configurationPid = SipServer.PID,
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.REQUIRE)
@Designate(ocd = SipSettings.class)
public class SipServer implements SipListener, CallControl, TrunkHealth, SipGuard,
        io.switchboard.sip.api.Registrations {

    public static final String PID = SipSettings.PID;
    private static final AtomicLong STACKS = new AtomicLong();

    private static final Logger LOG = System.getLogger(SipServer.class.getName());
    private final UdpIngress udpIngress;
    private final Guard guard;
    private final TrunkAddresses trunkAddresses;

    private final SipStack stack;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final ListeningPoints listening;

    private final AddressFactory addresses;
    private final TrunkService trunkTable;
    private final RoutingEngine routing;
    private final Trunks trunks;
    private final RegisterService registrations;
    private final RequestPipeline pipeline;
    private final SipStore store;
    private final B2bua b2bua;
    private final org.osgi.framework.ServiceRegistration<MessageDelivery> delivery;
    private final SubscribeService subscriptions;
    private org.osgi.framework.ServiceRegistration<Subscriptions> subscriptionService;
    private boolean stopped;
    private final ScheduledExecutorService timer;
    private final CallRecords records;
    private final CallTaggers taggers = new CallTaggers();
    private final CallJournal journal;
    private final Ladders ladders;
    private final EventPoster events;

    @Activate
    public SipServer(SipSettings config, @Reference SipStore store, @Reference TrunkService trunkTable,
            @Reference NumberService numbers, @Reference SipCredentials credentials, @Reference RoutingEngine routing,
            BundleContext context) throws SipException {
        this.trunkTable = trunkTable;
        this.routing = routing;
        if (config.cdrLingerMillis() < 0) {
            throw new IllegalArgumentException("Invalid setting " + PID + " cdrLingerMillis=" + config.cdrLingerMillis()
                    + ": 0 or more");
        }
        records = new CallRecords(config.cdrLingerMillis());
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        // each stack a name of its own: a re-activated switch's threads are told from its predecessor's
        int threads = StackSettings.positive("threads", config.threads());
        if (threads > 256) {
            throw new IllegalArgumentException("Invalid setting " + PID + " threads=" + threads + ": at most 256");
        }
        java.util.Properties properties = StackSettings.stackProperties("switchboard-" + STACKS.incrementAndGet(),
                threads, config.stackLog());
        stack = new SwitchboardStack(properties, TlsSettings.layer(config, context, trunkTable));
        // before any listening point exists: each message channel takes its parser from the factory
        gov.nist.javax.sip.stack.SIPTransactionStack nist = (gov.nist.javax.sip.stack.SIPTransactionStack) stack;
        nist.setMessageParserFactory(StrictMessageParser.FACTORY);
        events = new EventPoster(() -> handlers.get() > 0 ? eventAdmin : null);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-sip-timer");
            t.setDaemon(true);
            return t;
        });
        trunkAddresses = new TrunkAddresses(trunkTable::trunks);
        guard = Guards.create(PID, config, trunkAddresses, events, store.dataSource(), user -> store.bindings(user,
                java.time.Instant.now()).stream().map(SipStore.Binding::source).toList(), timer);
        guard.passEmergency(new EmergencyPass(dialled -> routing.emergency(dialled) != null,
                () -> routing.emergencyDialling().perMinute()));
        udpIngress = new UdpIngress(nist.getMessageProcessorFactory(),
                UdpIngress.capacityFor(Runtime.getRuntime().maxMemory(), StackSettings.MAX_MESSAGE_SIZE),
                StackSettings.CONGESTION_TIMEOUT_MILLIS,
                guard::admit);
        nist.setMessageProcessorFactory(udpIngress);
        try {
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException("SIP factories unavailable", e);
        }
        realm = StackSettings.setting("realm", config.realm());
        algorithmTokens = StackSettings.algorithms(config).stream().map(a -> a.token).toList();
        Authenticator auth = new Authenticator(credentials, realm, StackSettings.algorithms(config),
                messages, headers, guard);
        Registrar.Limits limits = new Registrar.Limits(StackSettings.positive("minExpires", config.minExpires()),
                StackSettings.positive("maxExpires", config.maxExpires()),
                StackSettings.positive("defaultExpires", config.defaultExpires()),
                StackSettings.positive("maxContacts", config.maxContacts()));
        if (limits.minExpires() > limits.maxExpires()) {
            throw new IllegalArgumentException("Invalid setting " + PID + " minExpires=" + limits.minExpires()
                    + ": above maxExpires=" + limits.maxExpires());
        }
        Registrar registrar = new Registrar(store, auth, limits, events, messages, headers, addresses);
        this.store = store;
        listening = new ListeningPoints(stack, this, timer);
        B2bua.Limits callLimits = new B2bua.Limits(StackSettings.positive("ringTimeout", config.ringTimeout()),
                StackSettings.positive("maxCalls", config.maxCalls()),
                StackSettings.positive("maxCallsInSetup", config.maxCallsInSetup()),
                StackSettings.positive("retryAfter", config.retryAfter()),
                StackSettings.sessionExpires(config.sessionExpires()));
        String advertised = config.advertisedAddress() == null || config.advertisedAddress().isBlank()
                ? StackSettings.firstAddress() : config.advertisedAddress().trim();
        LegAddresses legAddresses = new LegAddresses(advertised, addresses, headers);
        trunks = new Trunks(trunkTable, credentials, messages, headers, addresses, this::provider, legAddresses::host, timer,
                StackSettings.positive("probeInterval", config.probeInterval()), events);
        journal = new CallJournal(store.dataSource());
        if (config.ladderMessages() < 0) {
            throw new IllegalArgumentException("Invalid setting " + PID + " ladderMessages=" + config.ladderMessages()
                    + ": 0 (keep none) or more");
        }
        String sipPort = context.getProperty("switchboard.sip.port");
        try {
            ladders = new Ladders(new LadderStore(store.dataSource()).start(), timer, config.ladderMessages(), 256 * 1024,
                    HepExporter.of(PID, config.hepCollector(), config.hepAgentId()),
                    new java.net.InetSocketAddress(advertised, sipPort == null ? 5060 : Integer.parseInt(sipPort)));
        } catch (java.io.IOException e) {
            throw new SipException("Cannot open the HEP socket: " + e.getMessage(), e);
        }
        pipeline = new RequestPipeline(guard, ladders, messages, headers);
        pushWake = new PushWake(store, () -> pushNotifiers, timer, pushSenders,
                1000L * StackSettings.positive("pushWait", config.pushWait()));
        registrations = new RegisterService(registrar, store, messages, headers, callLimits.retryAfterSeconds(),
                (provider, response) -> pipeline.send(provider, null, response), pushWake::providers);
        b2bua = new B2bua(new CallContext(store, new B2bua.Provisioned(trunkTable, numbers, routing, routing::target,
                routing::policyOf, routing::emergency, () -> emergencyLocations), trunks, this::e164, auth, journal, ladders, events,
                new CallContext.Sip(messages, headers, addresses, this::provider), timer, record -> {
                    CallRecord tagged = taggers.tag(record);
                    journal.ended(tagged);
                    records.add(tagged);
                }, callLimits, StackSettings.setting("source", config.source()), legAddresses,
                new B2bua.Media(() -> mediaRelay, MediaAnchor.Policy.of(PID, config.mediaTrunks(), config.mediaUsers(),
                        config.mediaOverrides(), config.recordCalls(), config.stripVideo()))));
        b2bua.usePush(pushWake);
        b2bua.usePickup(StackSettings.pickupPrefix(config.pickupPrefix()));
        b2bua.useForwarding(() -> forwarding, StackSettings.between("forwardHops", config.forwardHops(), 1, 20),
                config.forwardHeaders());
        b2bua.useGroups(routing::groups);
        b2bua.useDirectory(() -> contacts);
        MessageRelay texts = new MessageRelay(auth, trunks, routing, () -> messageStore, pipeline::send, messages,
                new PhoneMessages(store, legAddresses, this::provider, messages, headers, addresses, pushWake),
                new TrunkMessages(trunks, trunkTable, legAddresses, this::provider, messages, headers, addresses),
                user -> {
                    String own = numbers.numberOf(user).orElse(user);
                    String e164 = e164(own);
                    return e164 == null ? own : e164;
                });
        subscriptions = new SubscribeService(auth, routing, () -> eventPackages, () -> resourceLists, store.dataSource(),
                pipeline::send,
                this::provider, legAddresses, messages, headers, addresses, new SubscribeService.Limits(60, 3600, 3600));
        PublishService publications = new PublishService(auth, () -> eventPackages, store.dataSource(),
                (event, user) -> subscriptions.changed(event, user), pipeline::send, messages, headers,
                new SubscribeService.Limits(60, 3600, 3600));
        subscriptions.publications(publications::published);
        subscriptions.phones(user -> store.bindings(user, java.time.Instant.now()), timer);
        registrations.onRegistered(subscriptions::registered);
        pipeline.dispatchTo(new Dispatchers(b2bua, registrations::register, texts, subscriptions::subscribe,
                publications::publish, pipeline::send, messages, headers));
        timer.scheduleWithFixedDelay(publications::expire, 7, 5, TimeUnit.SECONDS);
        delivery = context.registerService(MessageDelivery.class, texts, null);
        // offered once this component is active: the packages that need it bind back to it at once
        timer.execute(() -> offerSubscriptions(context));
        timer.scheduleWithFixedDelay(subscriptions::expire, 5, 5, TimeUnit.SECONDS);
        if (!StrictMessageParser.quietParserNesting()) {
            LOG.log(Level.WARNING, "jain-sip's parser nesting counter not found: parsing may slow down over time");
        }
        timer.scheduleWithFixedDelay(StrictMessageParser::quietParserNesting, 10, 10, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(trunkAddresses::refresh, 0, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guard::tick, 1, 1, TimeUnit.SECONDS);
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
        routing.useHealth(this);
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

    /** @return a provider with a listening point for the transport, or null */
    private SipProvider provider(String transport) {
        return listening.provider(transport);
    }

    /** The media relay, when its bundle is installed: calls the media policy picks go through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.switchboard.media.api.MediaRelay mediaRelay;

    /** The event packages phones may subscribe to, served by plugins (busy lamps, presence). */
    private final List<EventPackage> eventPackages = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEventPackage(EventPackage p) {
        eventPackages.add(p);
    }

    void removeEventPackage(EventPackage p) {
        eventPackages.remove(p);
    }

    /** Push services for phones whose apps sleep (RFC 8599), served by vendor plugins. */
    private final List<io.switchboard.sip.api.push.PushNotifier> pushNotifiers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PushWake pushWake;
    /** Pushes go out on threads of their own: a push service may take its time to answer. */
    private final java.util.concurrent.ExecutorService pushSenders = java.util.concurrent.Executors.newFixedThreadPool(2,
            r -> {
                Thread t = new Thread(r, "switchboard-push");
                t.setDaemon(true);
                return t;
            });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPushNotifier(io.switchboard.sip.api.push.PushNotifier notifier) {
        pushNotifiers.add(notifier);
    }

    void removePushNotifier(io.switchboard.sip.api.push.PushNotifier notifier) {
        pushNotifiers.remove(notifier);
    }

    /** Named lists of users a phone watches with one subscription (RFC 4662), served by plugins. */
    private final List<io.switchboard.sip.api.subscription.ResourceLists> resourceLists =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResourceLists(io.switchboard.sip.api.subscription.ResourceLists lists) {
        resourceLists.add(lists);
    }

    void removeResourceLists(io.switchboard.sip.api.subscription.ResourceLists lists) {
        resourceLists.remove(lists);
    }

    /** Keeps text messages no phone could take now, when the messaging bundle is installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MessageStore messageStore;

    /** Users' call forwarding, carried out by the calls: optional, calls ring as they are without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.switchboard.sip.api.forwarding.CallForwarding forwarding;

    /** Callers' names from the contact directories: optional, calls from trunks carry the carrier's name without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.switchboard.directory.api.ContactLookup contacts;

    /** Where emergency calls are: optional, they go out with the caller's own number and no location without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.switchboard.emergency.api.EmergencyLocations emergencyLocations;

    /** @return the emergency address book, or null when its bundle is not running */
    public io.switchboard.emergency.api.EmergencyLocations emergencyLocations() {
        return emergencyLocations;
    }

    /** Call events go out while there is an Event Admin; without one they are not made. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /**
     * Event handlers present: with none, no event is made. Each posted event cost a hand-off to
     * Event Admin's thread even with nobody to deliver it to (five context switches a call).
     */
    private final AtomicLong handlers = new AtomicLong();

    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addHandler(org.osgi.framework.ServiceReference<EventHandler> handler) {
        handlers.incrementAndGet();
    }

    void removeHandler(org.osgi.framework.ServiceReference<EventHandler> handler) {
        handlers.decrementAndGet();
    }

    @Override
    public List<ActiveCall> activeCalls() {
        return b2bua.activeCalls();
    }

    @Override
    public boolean hangUp(String id) {
        return b2bua.hangup(id);
    }

    @Override
    public boolean transfer(String id, String target) {
        return b2bua.transfer(id, target);
    }

    @Override
    public boolean tag(String id, String name, String value) {
        return b2bua.tag(id, name, value);
    }

    @Override
    public String connect(String user, String number, String name) {
        return b2bua.connect(user, number, name);
    }

    /** @return the E.164 form of a dialled number, or null when it has none: as routing sees it */
    public String e164(String dialled) {
        return routing.e164(dialled);
    }

    /** @return the guard against password guessing and floods */
    public Guard guard() {
        return guard;
    }

    @Override
    public List<io.switchboard.sip.api.Lockout> lockouts() {
        return guard.lockouts();
    }

    @Override
    public boolean lift(String kind, String key) {
        return guard.lift(kind, key);
    }

    @Override
    public List<String> trustedNetworks() {
        return guard.trustedNetworks();
    }

    public Trunks trunks() {
        return trunks;
    }

    /** Removes every binding of a user, as an admin asks. @return how many */
    public int unregisterAll(String user) {
        int removed = store.unbindAll(user);
        if (removed > 0) {
            events.registration(user, "*", null, 0);
        }
        return removed;
    }

    @Override
    public List<TrunkState> states() {
        return trunkTable.trunks().stream().map(trunks::snapshot).toList();
    }

    @Override
    public java.util.Optional<TrunkState> state(String trunk) {
        return trunkTable.trunk(trunk).map(trunks::snapshot);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCdrService(CdrService cdr) {
        records.attach(cdr);
    }

    void unsetCdrService(CdrService cdr) {
        records.detach(cdr);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCallTagger(io.switchboard.sip.api.CallTagger tagger) {
        taggers.add(tagger);
    }

    void removeCallTagger(io.switchboard.sip.api.CallTagger tagger) {
        taggers.remove(tagger);
    }

    private final String realm;
    private final List<String> algorithmTokens;

    String realm() {
        return realm;
    }

    /** @return the digest algorithms of users without their own setting, best first */
    public List<String> defaultAlgorithms() {
        return algorithmTokens;
    }

    /** @return what GET /sip/status and sip:status show */
    public Map<String, Object> status() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("listeningPoints", listeningPoints());
        body.put("notListening", listening.notListening());
        body.put("realm", realm);
        body.put("algorithms", algorithmTokens);
        body.put("requests", pipeline.requestCounts());
        body.put("responses", pipeline.responseCount());
        body.put("activeCalls", b2bua.calls().size());
        body.put("completedCalls", b2bua.completed());
        body.put("rejectedOverload", b2bua.rejectedOverload());
        body.put("failedSetups", b2bua.failedSetups());
        body.put("registersShed", registrations.shed());
        body.put("registersAnsweredAgain", registrations.answeredAgain());
        body.put("udpDatagramsDropped", udpIngress.dropped());
        if (((gov.nist.javax.sip.stack.SIPTransactionStack) stack).getNetworkLayer()
                instanceof io.switchboard.sip.core.internal.tls.TlsLayer layer) {
            body.put("tcpConnections", layer.connections().open());
            body.put("tcpConnectionsRefused", layer.connections().refused());
        }
        body.put("malformedMessages", io.switchboard.sip.core.internal.stack.StrictMessageParser.malformed());
        body.put("droppedFromLockedOut", guard.dropped());
        body.put("lockouts", guard.lockouts().size());
        body.put("trustedNetworks", guard.trustedNetworks());
        long[] writes = store.bindingWriteCounts();
        body.put("bindingWrites", writes[0]);
        body.put("bindingCommits", writes[1]);
        body.put("recordsHandedToCdr", records.handed());
        body.put("recordsPending", records.pending());
        body.put("recordsRefused", records.refused());
        return body;
    }

    public List<Map<String, Object>> activeCallMaps() {
        return io.switchboard.sip.core.internal.call.CallList.of(b2bua);
    }

    private synchronized void offerSubscriptions(BundleContext context) {
        if (!stopped) {
            subscriptionService = context.registerService(Subscriptions.class, subscriptions, null);
        }
    }

    @Override
    public int phones(String user) {
        return store.bindings(user, java.time.Instant.now()).size();
    }

    public B2bua b2bua() {
        return b2bua;
    }

    CallRecords records() {
        return records;
    }

    @Deactivate
    void stop() {
        delivery.unregister();
        synchronized (this) {
            stopped = true;
            if (subscriptionService != null) {
                subscriptionService.unregister();
            }
        }
        routing.forgetHealth(this);
        b2bua.stop();
        records.close();
        journal.close();
        ladders.stop();
        timer.shutdownNow();
        pushSenders.shutdownNow();
        listening.closeAll();
        stack.stop();
    }

    /** @return the listening points whose socket is open, as transport:address:port */
    List<String> listeningPoints() {
        return listening.listening();
    }

    @Override
    public void processRequest(RequestEvent event) {
        pipeline.request(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ladders.received(event.getResponse());
        try {
            pipeline.dispatchers().responses().response(event);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot handle a " + event.getResponse().getStatusCode() + " response: " + e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        pipeline.dispatchers().responses().timeout(event);
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
