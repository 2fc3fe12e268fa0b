package io.switchboard.sip.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.PeerUnavailableException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cluster.api.Cluster;
import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.core.internal.call.B2bua;
import io.switchboard.sip.core.internal.call.CallContext;
import io.switchboard.sip.core.internal.call.CallJournal;
import io.switchboard.sip.core.internal.call.CallList;
import io.switchboard.sip.core.internal.call.CallRecords;
import io.switchboard.sip.core.internal.call.LegAddresses;
import io.switchboard.sip.core.internal.call.MediaAnchor;
import io.switchboard.sip.core.internal.dispatch.Dispatchers;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.core.internal.guard.Guards;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.RegisterService;
import io.switchboard.sip.core.internal.registrar.Registrar;
import io.switchboard.sip.core.internal.registrar.SharedSecrets;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.settings.SipSettings;
import io.switchboard.sip.core.internal.settings.StackSettings;
import io.switchboard.sip.core.internal.trunk.TrunkStates;
import io.switchboard.sip.core.internal.trunk.Trunks;
import io.switchboard.sip.guard.EmergencyPass;
import io.switchboard.sip.guard.Guard;
import io.switchboard.sip.guard.TrunkAddresses;
import io.switchboard.sip.ladder.HepExporter;
import io.switchboard.sip.ladder.LadderStore;
import io.switchboard.sip.ladder.Ladders;
import io.switchboard.sip.routing.EmergencyDialling;
import io.switchboard.sip.routing.RoutingEngine;
import io.switchboard.sip.stack.Listener;
import io.switchboard.sip.stack.ListeningPoints;
import io.switchboard.sip.stack.StackProperties;
import io.switchboard.sip.stack.StackStop;
import io.switchboard.sip.stack.StrictMessageParser;
import io.switchboard.sip.stack.UdpIngress;
import io.switchboard.sip.transport.SwitchboardStack;
import io.switchboard.sip.transport.TlsLayer;

/**
 * The SIP stack (jain-sip-ri) with its listening points, settings {@value #PID} (required, so that the switch
 * starts once with the admin's settings instead of restarting when they arrive; the server ships a default file).
 * It answers OPTIONS (the keep-alive and "qualify" probe of every peer), serves REGISTER through the {@link
 * Registrar} and hands calls to the B2BUA. Calls get server transactions, so their retransmissions are absorbed
 * by the stack; REGISTER and OPTIONS are answered without one. Malformed messages are answered 400 or dropped.
 */
@Component(service = SipServer.class, immediate = true, configurationPid = SipServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SipSettings.class)
public class SipServer implements SipListener {

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
    private final MethodServices methods;
    private final ScheduledExecutorService timer;
    private final CallRecords records;
    private final CallJournal journal;
    private final Ladders ladders;
    private final EventPoster events;
    private final SipPlugins plugins;
    private final TrunkStates trunkHealth;
    private final PushWake pushWake;
    /** Pushes go out on threads of their own: a push service may take its time to answer. */
    private final ExecutorService pushSenders = Executors.newFixedThreadPool(2,
            r -> {
                Thread t = new Thread(r, "switchboard-push");
                t.setDaemon(true);
                return t;
            });

    @Activate
    public SipServer(SipSettings config, @Reference SipStore store, @Reference TrunkService trunkTable,
            @Reference NumberService numbers, @Reference SipCredentials credentials, @Reference RoutingEngine routing,
            @Reference SipPlugins plugins, @Reference Cluster cluster, BundleContext context)
            throws SipException {
        this.plugins = plugins;
        this.trunkTable = trunkTable;
        this.routing = routing;
        SwitchSettings.check(config);
        records = new CallRecords();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        // each stack a name of its own: a re-activated switch's threads are told from its predecessor's
        Properties properties = StackSettings.stackProperties("switchboard-" + STACKS.incrementAndGet(),
                SwitchSettings.threads(config), config.stackLog());
        stack = new SwitchboardStack(properties, SwitchSettings.transport(config, context).layer(trunkTable));
        // before any listening point exists: each message channel takes its parser from the factory
        SIPTransactionStack nist = (SIPTransactionStack) stack;
        nist.setMessageParserFactory(StrictMessageParser.FACTORY);
        events = new EventPoster(plugins::eventAdmin);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-sip-timer");
            t.setDaemon(true);
            return t;
        });
        trunkAddresses = new TrunkAddresses(trunkTable::trunks);
        guard = Guards.create(PID, config, trunkAddresses, events, store.dataSource(), user -> store.bindings(user,
                Instant.now()).stream().map(SipStore.Binding::source).toList(), timer);
        guard.passEmergency(new EmergencyPass(uri -> routing.emergency(EmergencyDialling.dialled(uri)) != null,
                () -> routing.emergencyDialling().perMinute()));
        udpIngress = new UdpIngress(nist.getMessageProcessorFactory(),
                UdpIngress.capacityFor(Runtime.getRuntime().maxMemory(), StackProperties.MAX_MESSAGE_SIZE),
                StackProperties.CONGESTION_TIMEOUT_MILLIS,
                guard::admit);
        nist.setMessageProcessorFactory(udpIngress);
        try {
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
        } catch (PeerUnavailableException e) {
            throw new SipException("SIP factories unavailable", e);
        }
        realm = StackSettings.setting("realm", config.realm());
        algorithmTokens = StackSettings.algorithms(config).stream().map(a -> a.token).toList();
        Authenticator auth = new Authenticator(credentials, realm, StackSettings.algorithms(config),
                SharedSecrets.nonceKey(store.dataSource()), messages, headers, guard);
        Registrar registrar = new Registrar(store, auth, SwitchSettings.registrar(config), events, messages, headers,
                addresses);
        this.store = store;
        listening = new ListeningPoints(stack, this, timer);
        B2bua.Limits callLimits = SwitchSettings.calls(config);
        String advertised = SwitchSettings.advertised(config);
        LegAddresses legAddresses = new LegAddresses(advertised, addresses, headers);
        trunks = new Trunks(trunkTable, credentials, messages, headers, addresses, this::provider, legAddresses::host, timer,
                StackSettings.positive("probeInterval", config.probeInterval()), events);
        journal = new CallJournal(store.dataSource(), cluster.self(), config.journalLingerMillis());
        String sipPort = context.getProperty("switchboard.sip.port");
        try {
            ladders = new Ladders(new LadderStore(store.dataSource()).start(), timer, config.ladderMessages(), 256 * 1024,
                    HepExporter.of(PID, config.hepCollector(), config.hepAgentId()),
                    new InetSocketAddress(advertised, sipPort == null ? 5060 : Integer.parseInt(sipPort)));
        } catch (IOException e) {
            throw new SipException("Cannot open the HEP socket: " + e.getMessage(), e);
        }
        pipeline = new RequestPipeline(guard, SwitchSettings.edges(config), ladders, messages, headers);
        pushWake = new PushWake(store, plugins::pushNotifiers, timer, pushSenders,
                1000L * StackSettings.positive("pushWait", config.pushWait()));
        registrations = new RegisterService(registrar, store, messages, headers, callLimits.retryAfterSeconds(),
                (provider, response) -> pipeline.send(provider, null, response), pushWake::providers);
        CallContext.Sip sip = new CallContext.Sip(messages, headers, addresses, this::provider);
        b2bua = new B2bua(new CallContext(store, new B2bua.Provisioned(trunkTable, numbers, routing, routing::target,
                routing::anchored, routing::policyOf, routing::emergency, plugins::emergencyLocations), trunks,
                this::e164, auth, journal, ladders, events,
                sip, timer, record -> {
                    CallRecord tagged = plugins.tag(record);
                    journal.ended(tagged);
                    records.add(tagged);
                }, callLimits, StackSettings.setting("source", config.source()), legAddresses,
                new B2bua.Media(plugins::mediaRelay, MediaAnchor.Policy.of(PID, config.mediaTrunks(), config.mediaUsers(),
                        config.mediaOverrides(), config.recordCalls(), config.stripVideo()))));
        b2bua.usePush(pushWake);
        b2bua.usePickup(StackSettings.pickupPrefix(config.pickupPrefix()));
        b2bua.useIntercom(StackSettings.names("intercomCallers", config.intercomCallers()));
        b2bua.useForwarding(plugins::forwarding, StackSettings.between("forwardHops", config.forwardHops(), 1, 20),
                config.forwardHeaders());
        b2bua.useGroups(routing::groups);
        b2bua.useDirectory(plugins::contacts);
        MethodServices served = new MethodServices(new SwitchFacilitiesService.Parts(auth, trunks, pipeline, store,
                legAddresses, pushWake, user -> {
                    String own = numbers.numberOf(user).orElse(user);
                    String e164 = e164(own);
                    return e164 == null ? own : e164;
                }, registrations), sip);
        pipeline.dispatchTo(new Dispatchers(b2bua, registrations::register, served.handlers, pipeline::send, messages,
                headers));
        served.start(timer, context);
        methods = served;
        Housekeeping.schedule(timer, store, guard, trunkAddresses);
        records.journal(journal::stored, journal::keep);
        journal.recover().forEach(records::add);
        trunkHealth = new TrunkStates(trunkTable, trunks);
        routing.useHealth(trunkHealth);
        stack.start();
    }

    /** Stores the records of the calls a lost server left, its answered ones as interrupted. */
    void takeOver(String lostServer) {
        journal.takeOver(lostServer).forEach(records::add);
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

    /** @return the E.164 form of a dialled number, or null when it has none: as routing sees it */
    public String e164(String dialled) {
        return routing.e164(dialled);
    }

    /** @return the guard against password guessing and floods */
    public Guard guard() {
        return guard;
    }

    /** @return the emergency address book, or null when its bundle is not running */
    public EmergencyLocations emergencyLocations() {
        return plugins.emergencyLocations();
    }

    /** @return each trunk's live state */
    public TrunkStates trunkHealth() {
        return trunkHealth;
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

    /** @return the digest algorithms of users without their own setting, best first */
    public List<String> defaultAlgorithms() {
        return algorithmTokens;
    }

    /** @return what GET /sip/status and sip:status show */
    public Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("listeningPoints", listening.listening());
        body.put("methodsServed", methods.handlers.served());
        body.put("notListening", listening.notListening());
        body.put("realm", realm);
        body.put("algorithms", algorithmTokens);
        body.put("requests", pipeline.requestCounts());
        body.put("responses", pipeline.responseCount());
        b2bua.status(body);
        body.put("registersShed", registrations.shed());
        body.put("registersAnsweredAgain", registrations.answeredAgain());
        body.put("udpDatagramsDropped", udpIngress.dropped());
        if (((SIPTransactionStack) stack).getNetworkLayer() instanceof TlsLayer layer) {
            body.put("tcpConnections", layer.connections().open());
            body.put("tcpConnectionsRefused", layer.connections().refused());
        }
        body.put("malformedMessages", StrictMessageParser.malformed());
        body.put("droppedFromLockedOut", guard.dropped());
        body.put("lockouts", guard.lockouts().size());
        body.put("trustedNetworks", guard.trustedNetworks());
        long[] writes = store.bindingWriteCounts();
        body.put("bindingWrites", writes[0]);
        body.put("bindingCommits", writes[1]);
        records.status(body);
        return body;
    }

    public List<Map<String, Object>> activeCallMaps() {
        return CallList.of(b2bua);
    }

    public B2bua b2bua() {
        return b2bua;
    }

    @Deactivate
    void stop() {
        methods.stop();
        routing.forgetHealth(trunkHealth);
        b2bua.stop();
        records.close();
        journal.close();
        ladders.stop();
        timer.shutdownNow();
        pushSenders.shutdownNow();
        listening.closeAll();
        StackStop.withoutPause(stack);
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
