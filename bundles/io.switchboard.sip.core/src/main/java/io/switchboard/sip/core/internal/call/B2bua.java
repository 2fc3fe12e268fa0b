package io.switchboard.sip.core.internal.call;

import io.switchboard.sip.core.internal.dispatch.CallHandler;
import io.switchboard.sip.core.internal.dispatch.InitialRequestDispatcher;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.stack.PacketSource;
import io.switchboard.sip.core.internal.trunk.Trunks;

import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.api.target.CallTarget;
import io.switchboard.sip.api.target.TargetAnswer;
import io.switchboard.sip.api.target.TargetCall;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.SipEvents;

/**
 * The back-to-back user agent: every call is two dialogs, A (caller, we are its UAS) and B (callee,
 * we are its UAC), with new Call-ID, tags and Via on B. It authenticates callers (407), finds the
 * callee's registered contacts, relays provisional and final responses, CANCEL, BYE and in-dialog
 * requests (re-INVITE, UPDATE, INFO) between the legs with their bodies unchanged, enforces a ring
 * timeout and a capacity (503 with Retry-After past it), and hands one call record per call to
 * the record sink when the call ends.
 */
public final class B2bua implements CallHandler {

    private static final Logger LOG = System.getLogger(B2bua.class.getName());

    /** The B2BUA's limits, from the server settings. */
    public record Limits(int ringTimeoutSeconds, int maxCalls, int maxCallsInSetup, int retryAfterSeconds) {
    }

    /** The provisioning the calls read, and the routing they follow. */
    public record Provisioned(TrunkService trunks, NumberService numbers, RoutingService routing,
            Function<String, Optional<CallTarget>> targets) {
    }

    /** A request relayed from one leg to the other, waiting for the other leg's answer. */
    private record Relay(Call call, ServerTransaction from) {
    }

    private final SipStore store;
    private final Authenticator auth;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Function<String, SipProvider> providers;
    private final ScheduledExecutorService timer;
    private final Consumer<CallRecord> records;
    private final Limits limits;
    private final String source;
    private final LegAddresses legs;
    private final Provisioned provisioning;
    private final CallJournal journal;
    private final EventPoster events;
    private final Trunks trunks;
    private final Function<String, String> e164;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** Calls between start and answer or end, kept as a count so an INVITE need not scan every call. */
    private final java.util.concurrent.atomic.AtomicInteger inSetup = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<Dialog, Call> byDialog = new ConcurrentHashMap<>();
    private final Map<String, Call> byACallId = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong rejectedOverload = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();

    public B2bua(SipStore store, Provisioned provisioning, Trunks trunks, Function<String, String> e164,
            Authenticator auth, CallJournal journal, EventPoster events, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
            Function<String, SipProvider> providers, ScheduledExecutorService timer, Consumer<CallRecord> records,
            Limits limits, String source, LegAddresses legs) {
        this.provisioning = provisioning;
        this.journal = journal;
        this.events = events;
        this.trunks = trunks;
        this.e164 = e164;
        this.legs = legs;
        this.store = store;
        this.auth = auth;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.providers = providers;
        this.timer = timer;
        this.records = records;
        this.limits = limits;
        this.source = source;
    }

    public Collection<Call> calls() {
        return calls.values();
    }

    public long rejectedOverload() {
        return rejectedOverload.get();
    }

    /** @return the Retry-After of 503 answers, in seconds */
    int retryAfter() {
        return limits.retryAfterSeconds();
    }

    public long completed() {
        return completed.get();
    }

    // ---------------------------------------------------------------- requests

    /** A new INVITE (no To tag), with its server transaction already made. */
    @Override
    public void invite(RequestEvent event, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        SipProvider provider = (SipProvider) event.getSource();
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            reply(tx, request, Response.TOO_MANY_HOPS, null);
            return;
        }
        if (calls.size() >= limits.maxCalls() || inSetup.get() >= limits.maxCallsInSetup()) {
            rejectedOverload.incrementAndGet();
            Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.addHeader(headers.createRetryAfterHeader(limits.retryAfterSeconds()));
            send(tx, busy, null);
            return;
        }
        tx.sendResponse(messages.createResponse(Response.TRYING, request));
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String fromUser = from.getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
        String dialled = request.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        PacketSource source = PacketSource.of(request);
        Optional<Trunk> trunk = request.getHeader("Proxy-Authorization") == null
                ? trunks.fromAddress(source.host(), source.port()) : Optional.empty();
        if (trunk.isPresent()) {
            inbound(event, tx, provider, trunk.get(), fromUser, DisplayNames.plain(from.getAddress().getDisplayName()), dialled,
                    mf == null ? 70 : mf.getMaxForwards() - 1);
            return;
        }
        Authenticator.Result who = auth.authenticate(request, true);
        if (!who.ok()) {
            send(tx, who.challenge(), null);
            return;
        }
        if (!who.user().equals(fromUser)) {
            reply(tx, request, Response.FORBIDDEN, "From " + fromUser + " is not the authenticated user " + who.user());
            return;
        }
        if (dialled == null) {
            reply(tx, request, Response.NOT_FOUND, "No user part in the request URI");
            return;
        }
        Call call = new Call(UUID.randomUUID().toString(), request, tx, provider, null, tag(), who.user(),
                DisplayNames.plain(from.getAddress().getDisplayName()), dialled);
        call.callerE164 = e164.apply(numberOf(who.user()));
        follow(call, provisioning.routing().route(new RouteRequest(who.user(), null, dialled, Instant.now())),
                mf == null ? 70 : mf.getMaxForwards() - 1);
    }

    /** A call from a carrier: to the user of the number it came to, if the trunk has a channel free. */
    private void inbound(RequestEvent event, ServerTransaction tx, SipProvider provider, Trunk trunk,
            String fromUser, String fromName, String dialled, int maxForwards) throws Exception {
        Request request = event.getRequest();
        Call call = new Call(UUID.randomUUID().toString(), request, tx, provider, null, tag(), fromUser, fromName,
                dialled);
        call.direction = Direction.INBOUND;
        call.trunkIn = trunk.name();
        call.callerE164 = e164.apply(fromUser);
        call.calleeE164 = e164.apply(dialled);
        if (trunk.maxChannels() > 0 && trunks.state(trunk.name()).channels.get() >= trunk.maxChannels()) {
            call.trunkIn = null; // not counted: it never took a channel
            rejected(call, Response.SERVICE_UNAVAILABLE, "All channels of trunk " + trunk.name() + " in use");
            return;
        }
        trunks.state(trunk.name()).channels.incrementAndGet();
        follow(call, provisioning.routing().route(new RouteRequest(fromUser, trunk.name(), dialled, Instant.now())),
                maxForwards);
    }

    /** Takes the call where routing decided. */
    private void follow(Call call, RouteDecision d, int maxForwards) throws Exception {
        if (d.e164() != null) {
            call.calleeE164 = d.e164();
        }
        call.did = d.did();
        switch (d.outcome()) {
            case USER -> toUser(call, d.destination(), maxForwards);
            case TRUNKS -> outbound(call, d, maxForwards);
            case TARGET -> toTarget(call, d.destination(), d.did());
            case REJECTED -> rejected(call, d.status(), call.trunkIn != null && d.did() == null
                    ? "Number not in service" : d.did() != null ? "No such user"
                    : d.status() == Response.NOT_FOUND && d.route() == null ? "No route to " + d.dialled()
                    : d.reasons().get(d.reasons().size() - 1));
        }
    }

    /** To a local user's best registered contact. */
    private void toUser(Call call, String user, int maxForwards) throws Exception {
        List<SipStore.Binding> bindings = store.bindings(user, Instant.now());
        if (bindings.isEmpty()) {
            rejected(call, Response.TEMPORARILY_UNAVAILABLE, "Not registered");
            return;
        }
        start(call);
        try {
            inviteB(call, legs.reachable(bindings.get(0)), call.aInvite.getRawContent(), null, maxForwards, false);
            for (SipStore.Binding other : bindings.subList(1, bindings.size())) {
                try {
                    inviteB(call, legs.reachable(other), call.aInvite.getRawContent(), null, maxForwards, true);
                } catch (Exception e) {
                    LOG.log(Level.DEBUG, "Cannot ring " + other.contact() + " too: " + e);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot call " + user + " at " + bindings.get(0).contact() + ": " + e);
            synchronized (call) {
                failA(call, Response.SERVER_INTERNAL_ERROR, "Cannot reach the callee", Disposition.FAILED,
                        HangupSide.SYSTEM);
            }
            return;
        }
        call.ringTimer = timer.schedule(() -> ringTimeout(call), limits.ringTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /** To a destination served inside the server: it answers or refuses at once, and has no leg B. */
    private void toTarget(Call call, String name, String did) throws Exception {
        Optional<CallTarget> target = provisioning.targets().apply(name);
        if (target.isEmpty()) {
            rejected(call, Response.NOT_FOUND, "No such user");
            return;
        }
        byte[] offer = call.aInvite.getRawContent();
        TargetAnswer answer;
        try {
            answer = target.get().offer(new TargetCall(call.id, call.caller, call.callee, did,
                    offer == null ? null : new String(offer, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call target " + name + " failed on call " + call.aCallId() + ": " + e);
            answer = null;
        }
        if (answer == null || answer.status() < 200 || answer.status() > 699
                || answer.status() < 300 && answer.sdpAnswer() == null) {
            rejected(call, Response.SERVER_INTERNAL_ERROR, "Call target " + name + " failed");
            return;
        }
        if (answer.status() >= 300) {
            rejected(call, answer.status(), answer.reason());
            return;
        }
        start(call);
        synchronized (call) {
            leaveSetup(call);
            call.callTarget = target.get();
            call.target = "target:" + name;
            call.state = Call.State.ANSWERED;
            call.answer = Instant.now();
            call.ring = call.answer;
            call.sipCode = Response.OK;
            byte[] sdp = answer.sdpAnswer().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            call.codec = Sdp.firstCodec(sdp);
            call.targetSdp = sdp;
            Response a = messages.createResponse(Response.OK, call.aInvite);
            a.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            journal.answered(record(call, Disposition.ANSWERED)).whenComplete((committed, failure) -> relayAnswer(call, a));
        }
    }

    /** Out through the decision's trunks, in order. */
    private void outbound(Call call, RouteDecision d, int maxForwards) throws Exception {
        call.direction = Direction.OUTBOUND;
        d.trunks().stream().filter(TrunkChoice::usable).forEach(c -> call.candidates.add(c.trunk()));
        d.trunks().stream().filter(c -> !c.usable()).forEach(c -> call.attempts.add(c.trunk() + ": " + c.why()));
        call.send = d.send();
        if (call.candidates.isEmpty()) {
            rejected(call, Response.SERVICE_UNAVAILABLE, "No trunk available on route " + d.route());
            return;
        }
        call.maxForwards = maxForwards;
        start(call);
        synchronized (call) {
            if (!nextTrunk(call)) {
                failA(call, call.lastFailure != 0 ? call.lastFailure : Response.SERVICE_UNAVAILABLE,
                        "No trunk could take the call", Disposition.FAILED, HangupSide.SYSTEM);
                return;
            }
        }
        call.ringTimer = timer.schedule(() -> ringTimeout(call), limits.ringTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /** Sends leg B to the next usable trunk of the call's route. Holds the call's monitor. @return false if none is left */
    private boolean nextTrunk(Call call) {
        while (!call.candidates.isEmpty()) {
            String name = call.candidates.poll();
            String problem = trunks.unusable(name);
            Optional<Trunk> trunk = provisioning.trunks().trunk(name);
            if (problem != null || trunk.isEmpty()) {
                call.attempts.add(name + ": " + (problem == null ? "removed" : problem));
                continue;
            }
            Trunk t = trunk.get();
            byte[] offer = Sdp.filter(call.aInvite.getRawContent(), t.codecs());
            if (offer == null) {
                call.attempts.add(name + ": none of the offered codecs is allowed (" + String.join(",", t.codecs()) + ")");
                call.lastFailure = Response.NOT_ACCEPTABLE_HERE;
                continue;
            }
            try {
                SipURI target = addresses.createSipURI(call.send, t.host());
                target.setPort(t.port());
                if (!"udp".equals(t.transport())) {
                    target.setTransportParam(t.transport());
                }
                call.trunkOut = t;
                call.trunkReleased = false;
                call.carrierAuthAnswered = false;
                trunks.state(name).channels.incrementAndGet();
                inviteB(call, target, offer, t, call.maxForwards, false);
                return true;
            } catch (Exception e) {
                trunks.state(name).channels.decrementAndGet();
                call.trunkReleased = true;
                call.attempts.add(name + ": " + e.getMessage());
            }
        }
        return false;
    }

    /** Registers a call that goes ahead (leg A's dialog and the lookup maps). */
    private void start(Call call) throws SipException {
        call.aDialog = call.aProvider.getNewDialog(call.aTx);
        call.inSetup = true;
        inSetup.incrementAndGet();
        calls.put(call.id, call);
        byDialog.put(call.aDialog, call);
        byACallId.put(call.aCallId(), call);
        call.aTx.setApplicationData(call);
        events.post(SipEvents.CALL_STARTED, call);
    }

    /** @return the caller's own number: the first number of the inventory that goes to this user */
    private String numberOf(String user) {
        return provisioning.numbers().numberOf(user).orElse(user);
    }

    /**
     * Sends leg B's INVITE.
     *
     * @param trunk the carrier trunk, or null for a user's phone
     */
    private void inviteB(Call call, URI target, byte[] offer, Trunk trunk, int maxForwards, boolean fork)
            throws Exception {
        String transport = target instanceof SipURI s && s.getTransportParam() != null
                ? s.getTransportParam().toLowerCase(java.util.Locale.ROOT) : "udp";
        SipProvider provider = providers.apply(transport);
        if (provider == null) {
            throw new SipException("no " + transport + " listening point");
        }
        ListeningPoint lp = provider.getListeningPoint(transport);
        Request a = call.aInvite;
        FromHeader aFrom = (FromHeader) a.getHeader(FromHeader.NAME);
        ToHeader aTo = (ToHeader) a.getHeader(ToHeader.NAME);
        String peer = target instanceof SipURI s ? s.getHost() : null;
        String us = legs.host(lp, peer);
        CallIdHeader callId = headers.createCallIdHeader(Trunks.newCallId(us));
        List<ViaHeader> via = new ArrayList<>();
        via.add(headers.createViaHeader(us, lp.getPort(), transport, null));
        // leg B's addresses are made from parsed values, never copied as received text
        Address fromAddress = addresses.createAddress((URI) aFrom.getAddress().getURI().clone());
        fromAddress.setDisplayName(DisplayNames.quoted(call.callerName));
        Address toAddress = addresses.createAddress((URI) aTo.getAddress().getURI().clone());
        toAddress.setDisplayName(DisplayNames.quoted(DisplayNames.plain(aTo.getAddress().getDisplayName())));
        boolean privacy = false;
        String asserted = null;
        if (trunk != null) {
            // caller ID towards the carrier: the trunk's fixed number, else the caller's own number
            String number = trunk.callerId() != null ? trunk.callerId()
                    : call.callerE164 != null ? call.callerE164 : call.caller;
            javax.sip.header.Header privacyHeader = a.getHeader("Privacy");
            privacy = privacyHeader != null && privacyHeader.toString().toLowerCase(java.util.Locale.ROOT).contains("id")
                    || "anonymous".equalsIgnoreCase(call.caller);
            fromAddress = privacy ? addresses.createAddress("\"Anonymous\" <sip:anonymous@anonymous.invalid>")
                    : addresses.createAddress(addresses.createSipURI(number, us));
            if (!privacy && call.callerName != null && trunk.callerId() == null) {
                fromAddress.setDisplayName(DisplayNames.quoted(call.callerName));
            }
            asserted = "<sip:" + number + "@" + us + ">";
            toAddress = addresses.createAddress(target);
        }
        Request b = messages.createRequest(target, Request.INVITE, callId, headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(fromAddress, tag()), headers.createToHeader(toAddress, null), via,
                headers.createMaxForwardsHeader(maxForwards));
        b.addHeader(legs.contact(us, lp.getPort(), transport));
        b.addHeader(headers.createAllowHeader(InitialRequestDispatcher.ALLOW));
        if (trunk != null && trunk.pai()) {
            b.addHeader(headers.createHeader("P-Asserted-Identity", asserted));
        }
        if (privacy) {
            b.addHeader(headers.createHeader("Privacy", "id"));
        }
        ContentTypeHeader type = (ContentTypeHeader) a.getHeader(ContentTypeHeader.NAME);
        if (offer != null && offer.length > 0 && type != null) {
            b.setContent(offer, headers.createContentTypeHeader(type.getContentType(), type.getContentSubType()));
        }
        if (fork) {
            ClientTransaction ct = provider.getNewClientTransaction(b);
            synchronized (call) {
                Call.Fork f = new Call.Fork(call, provider, ct, provider.getNewDialog(ct),
                        ((CallIdHeader) b.getHeader(CallIdHeader.NAME)).getCallId(), target.toString());
                call.forks.add(f);
                ct.setApplicationData(f);
            }
            ct.sendRequest();
        } else {
            sendB(call, provider, b, target.toString());
        }
    }

    private void sendB(Call call, SipProvider provider, Request b, String target) throws SipException {
        ClientTransaction ct = provider.getNewClientTransaction(b);
        synchronized (call) {
            if (call.bDialog != null) {
                byDialog.remove(call.bDialog);
            }
            call.bProvider = provider;
            call.bTx = ct;
            call.bDialog = provider.getNewDialog(ct);
            call.bCallId = ((CallIdHeader) b.getHeader(CallIdHeader.NAME)).getCallId();
            call.target = target;
            call.state = Call.State.SETUP;
            byDialog.put(call.bDialog, call);
            ct.setApplicationData(call);
        }
        ct.sendRequest();
    }

    /** An authenticated call that cannot be put through: the caller gets the status, the call a record. */
    private void rejected(Call call, int status, String reason) {
        calls.put(call.id, call);
        byACallId.put(call.aCallId(), call);
        synchronized (call) {
            failA(call, status, reason, Disposition.FAILED, HangupSide.SYSTEM);
        }
    }

    /** CANCEL of a pending INVITE from the caller. */
    @Override
    public void cancel(RequestEvent event, ServerTransaction tx) throws Exception {
        Request cancel = event.getRequest();
        Call call = byACallId.get(((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId());
        if (call == null) {
            tx.sendResponse(messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel));
            return;
        }
        tx.sendResponse(messages.createResponse(Response.OK, cancel));
        synchronized (call) {
            if (call.state == Call.State.SETUP || call.state == Call.State.EARLY) {
                cancelB(call);
                failA(call, Response.REQUEST_TERMINATED, null, Disposition.CANCELLED, HangupSide.CALLER);
            }
        }
    }

    /** A request inside an existing dialog (BYE, re-INVITE, UPDATE, INFO, ...). */
    @Override
    public void inDialog(RequestEvent event, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        Dialog dialog = event.getDialog();
        Call call = dialog == null ? null : byDialog.get(dialog);
        if (call == null) {
            tx.sendResponse(messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        synchronized (call) {
            boolean fromA = call.isA(dialog);
            Dialog other = fromA ? call.bDialog : call.aDialog;
            SipProvider otherProvider = fromA ? call.bProvider : call.aProvider;
            if (Request.BYE.equals(request.getMethod())) {
                tx.sendResponse(messages.createResponse(Response.OK, request));
                if (call.state == Call.State.ANSWERED) {
                    call.end = Instant.now();
                    call.hangupSide = fromA ? HangupSide.CALLER : HangupSide.CALLEE;
                    bye(other, otherProvider);
                    finish(call);
                }
                return;
            }
            if (call.callTarget != null && call.state == Call.State.ANSWERED) {
                // no leg B: the target's session stays as it answered it (hold and resume included)
                Response ok = messages.createResponse(Response.OK, request);
                if (request.getMethod().equals(Request.INVITE) || request.getRawContent() != null
                        && request.getMethod().equals(Request.UPDATE)) {
                    ok.setContent(call.targetSdp, headers.createContentTypeHeader("application", "sdp"));
                }
                send(tx, ok, call);
                return;
            }
            if (call.state != Call.State.ANSWERED || other == null) {
                tx.sendResponse(messages.createResponse(Response.REQUEST_PENDING, request));
                return;
            }
            Request relayed = legs.advertised(other.createRequest(request.getMethod()));
            copyBody(request, relayed);
            ClientTransaction ct = otherProvider.getNewClientTransaction(relayed);
            ct.setApplicationData(new Relay(call, tx));
            other.sendRequest(ct);
        }
    }

    /** ACK for a 2xx from the caller: with a late offer, its body is the answer leg B still waits for. */
    @Override
    public void ack(RequestEvent event) throws Exception {
        Dialog dialog = event.getDialog();
        Call call = dialog == null ? null : byDialog.get(dialog);
        if (call == null || !call.isA(dialog)) {
            return;
        }
        synchronized (call) {
            if (call.lateOffer && !call.bAcked && call.bDialog != null) {
                Request ack = legs.advertised(call.bDialog.createAck(call.bAnswerCseq));
                copyBody(event.getRequest(), ack);
                call.bDialog.sendAck(ack);
                call.bAcked = true;
            }
        }
    }

    // ---------------------------------------------------------------- responses

    @Override
    public void response(ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (ct == null) {
            // a retransmitted 2xx of an INVITE: acknowledge it again
            if (response.getStatusCode() / 100 == 2 && Request.INVITE.equals(cseq.getMethod())
                    && event.getDialog() != null) {
                Dialog d = event.getDialog();
                d.sendAck(legs.advertised(d.createAck(cseq.getSeqNumber())));
            }
            return;
        }
        Object data = ct.getApplicationData();
        if (data instanceof Relay relay) {
            relayResponse(relay, event);
        } else if (data instanceof Call call && Request.INVITE.equals(cseq.getMethod())) {
            synchronized (call) {
                inviteResponse(call, event);
            }
        } else if (data instanceof Call.Fork fork && Request.INVITE.equals(cseq.getMethod())) {
            synchronized (fork.call) {
                forkResponse(fork, event);
            }
        }
    }

    private void inviteResponse(Call call, ResponseEvent event) throws Exception {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (event.getClientTransaction() != call.bTx) {
            // a branch this call has left (failed over, or lost to a parallel branch)
            if (status / 100 == 2 && event.getDialog() != null) {
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                bye(d, call.bProvider);
            }
            return;
        }
        if (call.state == Call.State.ENDED) {
            if (status / 100 == 2) {
                // answered after we gave up (crossed with CANCEL or timeout): take it down
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                bye(d, call.bProvider);
            }
            return;
        }
        if (status < 200) {
            provisional(call, r);
            return;
        }
        cancelTimer(call);
        if (status < 300) {
            call.mainDone = true;
            cancelForks(call);
            leaveSetup(call);
            call.state = Call.State.ANSWERED;
            call.answer = Instant.now();
            if (call.ring == null) {
                call.ring = call.answer;
            }
            call.sipCode = status;
            call.reason = r.getReasonPhrase();
            call.codec = Sdp.firstCodec(r.getRawContent());
            if (!call.lateOffer) {
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                call.bAcked = true;
            }
            call.bAnswerCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Response a = messages.createResponse(status, call.aInvite);
            copyBody(r, a);
            // durable before the caller hears it is answered: a crash from now on leaves a record
            journal.answered(record(call, Disposition.ANSWERED)).whenComplete((committed, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Call " + call.aCallId() + " answered without its journal row: "
                            + failure.getMessage());
                }
                relayAnswer(call, a);
            });
            return;
        }
        if (call.trunkOut != null && (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && !call.carrierAuthAnswered) {
            // the carrier wants our trunk credentials: the same INVITE again, with them
            call.carrierAuthAnswered = true;
            try {
                Request retry = (Request) call.bTx.getRequest().clone();
                retry.removeHeader(ViaHeader.NAME);
                ViaHeader old = (ViaHeader) call.bTx.getRequest().getHeader(ViaHeader.NAME);
                retry.addHeader(headers.createViaHeader(old.getHost(), old.getPort(), old.getTransport(), null));
                CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
                cseq.setSeqNumber(cseq.getSeqNumber() + 1);
                trunks.authorize(retry, r, call.trunkOut);
                sendB(call, call.bProvider, retry, call.target);
                return;
            } catch (Exception e) {
                call.attempts.add(call.trunkOut.name() + ": cannot answer the carrier's challenge: " + e.getMessage());
            }
        }
        if (call.trunkOut != null && (status == Response.REQUEST_TIMEOUT || status >= 500 && status < 600)
                && !call.candidates.isEmpty()) {
            // failover: this trunk could not take the call, the next one of the route may
            call.attempts.add(call.trunkOut.name() + ": " + status + " " + r.getReasonPhrase());
            releaseTrunk(call);
            if (nextTrunk(call)) {
                return;
            }
        }
        if (call.trunkOut == null) {
            // a forked call fails only when every branch has failed, with the best of their answers
            call.mainDone = true;
            call.failed(status, r.getReasonPhrase());
            if (call.forks.stream().anyMatch(f -> !f.done)) {
                return;
            }
            failBest(call);
            return;
        }
        failMapped(call, status, r.getReasonPhrase());
    }

    private void failBest(Call call) {
        failMapped(call, call.bestFailure, call.bestReason);
    }

    /** The callee side's final failure, as the caller should hear it, and as the record says it. */
    private void failMapped(Call call, int status, String reason) {
        int mapped = switch (status) {
            case Response.UNAUTHORIZED, Response.PROXY_AUTHENTICATION_REQUIRED -> Response.FORBIDDEN;
            default -> status >= 300 && status < 400 ? Response.TEMPORARILY_UNAVAILABLE : status;
        };
        Disposition d = switch (status) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE -> Disposition.BUSY;
            case Response.TEMPORARILY_UNAVAILABLE, Response.REQUEST_TIMEOUT, Response.DECLINE -> status == Response.DECLINE
                    ? Disposition.BUSY : Disposition.NO_ANSWER;
            case Response.REQUEST_TERMINATED -> Disposition.CANCELLED;
            default -> Disposition.FAILED;
        };
        failA(call, mapped, reason, d, HangupSide.CALLEE);
    }

    /** 18x from the callee side: the caller hears it, with its body (early media). */
    private void provisional(Call call, Response r) throws Exception {
        int status = r.getStatusCode();
        if (call.ring == null && (status == Response.RINGING || status == Response.SESSION_PROGRESS)) {
            call.ring = Instant.now();
            events.post(SipEvents.CALL_RINGING, call);
        }
        call.state = Call.State.EARLY;
        Response a = messages.createResponse(status, call.aInvite);
        a.setReasonPhrase(r.getReasonPhrase());
        copyBody(r, a);
        send(call.aTx, a, call);
    }

    /** A response on a parallel branch: rings the caller, wins the call with a 2xx, or fails quietly. */
    private void forkResponse(Call.Fork f, ResponseEvent event) throws Exception {
        Call call = f.call;
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (call.state == Call.State.ENDED || call.state == Call.State.ANSWERED) {
            if (status / 100 == 2) {
                // answered too late: another branch has the call
                Dialog d = event.getDialog();
                ackAnswer(d, r);
                bye(d, f.provider);
            }
            f.done = status >= 200;
            return;
        }
        if (status < 200) {
            provisional(call, r); // ringing is ringing, whichever phone it is
            return;
        }
        f.done = true;
        if (status < 300) {
            // this branch wins: it becomes leg B; the others stop ringing
            if (!call.mainDone && call.bTx != null) {
                cancelTx(call.bTx, call.bProvider);
            }
            call.mainDone = true;
            call.bProvider = f.provider;
            call.bTx = f.ct;
            call.bDialog = f.dialog;
            call.bCallId = f.callId;
            call.target = f.target;
            byDialog.put(f.dialog, call);
            inviteResponse(call, event);
            return;
        }
        call.failed(status, r.getReasonPhrase());
        if (call.mainDone && call.forks.stream().allMatch(x -> x.done)) {
            failBest(call);
        }
    }

    private void cancelForks(Call call) {
        for (Call.Fork f : call.forks) {
            if (!f.done) {
                f.done = true;
                cancelTx(f.ct, f.provider);
            }
        }
    }

    private void cancelTx(ClientTransaction tx, SipProvider provider) {
        try {
            provider.getNewClientTransaction(tx.createCancel()).sendRequest();
        } catch (SipException e) {
            LOG.log(Level.DEBUG, "Cannot cancel a branch: " + e.getMessage());
        }
    }

    private void relayResponse(Relay relay, ResponseEvent event) throws Exception {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (status / 100 == 2 && Request.INVITE.equals(cseq.getMethod())) {
            Dialog d = event.getDialog();
            d.sendAck(legs.advertised(d.createAck(cseq.getSeqNumber())));
        }
        if (relay.from().getState() == javax.sip.TransactionState.TERMINATED) {
            return;
        }
        Response back = messages.createResponse(status, relay.from().getRequest());
        back.setReasonPhrase(r.getReasonPhrase());
        copyBody(r, back);
        if (status / 100 == 2 && Request.INVITE.equals(cseq.getMethod())) {
            back.addHeader(legs.contactOnLegA(relay.call()));
        }
        relay.from().sendResponse(back);
    }

    @Override
    public void timeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        Object data = event.getClientTransaction().getApplicationData();
        if (data instanceof Call call) {
            synchronized (call) {
                if (call.trunkOut != null && call.state == Call.State.SETUP) {
                    // no answer at all from the carrier: it is down; try the next trunk
                    trunks.mark(trunks.state(call.trunkOut.name()), false);
                    call.attempts.add(call.trunkOut.name() + ": no response");
                    releaseTrunk(call);
                    if (nextTrunk(call)) {
                        return;
                    }
                }
                if (call.state == Call.State.SETUP || call.state == Call.State.EARLY) {
                    cancelTimer(call);
                    failA(call, Response.REQUEST_TIMEOUT, "Callee did not answer", Disposition.FAILED,
                            HangupSide.SYSTEM);
                }
            }
        } else if (data instanceof Relay relay) {
            try {
                relay.from().sendResponse(messages.createResponse(Response.REQUEST_TIMEOUT, relay.from().getRequest()));
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Cannot relay a timeout: " + e);
            }
        }
    }

    public void dialogTerminated(Dialog dialog) {
        Call call = byDialog.remove(dialog);
        if (call != null) {
            synchronized (call) {
                if (call.state == Call.State.ANSWERED && (dialog == call.aDialog || dialog == call.bDialog)) {
                    // the stack gave up on the dialog (for example a transport failure)
                    call.end = Instant.now();
                    call.hangupSide = HangupSide.SYSTEM;
                    bye(call.isA(dialog) ? call.bDialog : call.aDialog, call.isA(dialog) ? call.bProvider : call.aProvider);
                    finish(call);
                }
            }
        }
    }

    // ---------------------------------------------------------------- admin

    /** Hangs up a call by its id: BYE on both legs when answered, CANCEL and 480 while ringing. */
    /** @param id the call's id, or the SIP Call-ID of either of its legs */
    public boolean hangup(String id) {
        Call call = calls.get(id);
        if (call == null) {
            call = byACallId.get(id);
        }
        if (call == null) {
            call = calls.values().stream().filter(c -> id.equals(c.bCallId)).findFirst().orElse(null);
        }
        if (call == null) {
            return false;
        }
        synchronized (call) {
            switch (call.state) {
                case ANSWERED -> {
                    call.end = Instant.now();
                    call.hangupSide = HangupSide.SYSTEM;
                    bye(call.aDialog, call.aProvider);
                    bye(call.bDialog, call.bProvider);
                    finish(call);
                }
                case SETUP, EARLY -> {
                    cancelTimer(call);
                    cancelB(call);
                    failA(call, Response.TEMPORARILY_UNAVAILABLE, "Hung up by the administrator", Disposition.FAILED,
                            HangupSide.SYSTEM);
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    Optional<Call> call(String id) {
        return Optional.ofNullable(calls.get(id));
    }

    /** Ends every call (server stop): BYE or CANCEL so that no phone stays in a dead call. */
    public void stop() {
        new ArrayList<>(calls.keySet()).forEach(this::hangup);
    }

    // ---------------------------------------------------------------- helpers

    private void ringTimeout(Call call) {
        synchronized (call) {
            if (call.state == Call.State.SETUP || call.state == Call.State.EARLY) {
                cancelB(call);
                failA(call, Response.TEMPORARILY_UNAVAILABLE, "No answer", Disposition.NO_ANSWER, HangupSide.SYSTEM);
            }
        }
    }

    private void cancelB(Call call) {
        cancelForks(call);
        if (call.bTx == null) {
            return;
        }
        // before a provisional answer RFC 3261 9.1 would wait for one; the stack's timer ends the
        // transaction either way, and a late 2xx is taken down in inviteResponse
        cancelTx(call.bTx, call.bProvider);
    }

    /** Final failure towards the caller; ends the call and writes its record. Holds the call's monitor. */
    private void failA(Call call, int status, String reason, Disposition disposition, HangupSide side) {
        try {
            if (call.aTx.getState() != javax.sip.TransactionState.TERMINATED
                    && call.aTx.getState() != javax.sip.TransactionState.COMPLETED) {
                Response r = messages.createResponse(status, call.aInvite);
                if (reason != null && !reason.isBlank()) {
                    r.setReasonPhrase(reason);
                }
                send(call.aTx, r, call);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot answer the caller of " + call.id + ": " + e);
        }
        call.sipCode = status;
        call.reason = reason;
        call.disposition = disposition;
        call.hangupSide = side;
        call.end = Instant.now();
        finish(call);
    }

    private void bye(Dialog dialog, SipProvider provider) {
        if (dialog == null || dialog.getState() == null || dialog.getState() == javax.sip.DialogState.TERMINATED) {
            return;
        }
        try {
            Request bye = legs.advertised(dialog.createRequest(Request.BYE));
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
        } catch (SipException | ParseException e) {
            LOG.log(Level.DEBUG, "Cannot send BYE: " + e.getMessage());
        }
    }

    private void relayAnswer(Call call, Response answer) {
        synchronized (call) {
            if (call.state != Call.State.ANSWERED) {
                return; // ended while the answer was being made durable
            }
            try {
                send(call.aTx, answer, call);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Cannot relay the answer of call " + call.aCallId() + ": " + e);
            }
            events.post(SipEvents.CALL_ANSWERED, call);
        }
    }

    private void finish(Call call) {
        if (call.state == Call.State.ENDED && call.disposition != null && !calls.containsKey(call.id)) {
            return;
        }
        boolean answered = call.answer != null;
        if (answered) {
            call.disposition = Disposition.ANSWERED;
        }
        call.state = Call.State.ENDED;
        leaveSetup(call);
        cancelTimer(call);
        calls.remove(call.id);
        byACallId.remove(call.aCallId());
        completed.incrementAndGet();
        CallRecord record = record(call, call.disposition);
        releaseTrunk(call);
        if (call.trunkIn != null) {
            trunks.state(call.trunkIn).channels.decrementAndGet();
        }
        try {
            records.accept(record);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot hand over the record of call " + call.aCallId() + ": " + e.getMessage());
        }
        events.post(SipEvents.CALL_ENDED, call);
        if (call.callTarget != null) {
            try {
                call.callTarget.ended(call.id, call.hangupSide == HangupSide.CALLER);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call target of call " + call.aCallId() + " failed at its end: " + e);
            }
        }
    }

    /** @return the call's record as it stands (at its end, or at its answer with no end yet) */
    private CallRecord record(Call call, Disposition disposition) {
        String trunkOut = call.trunkOut == null ? null : call.trunkOut.name();
        List<String> callIds = call.bCallId == null ? List.of(call.aCallId()) : List.of(call.aCallId(), call.bCallId);
        long billable = call.answer != null && call.end != null
                ? Math.max(0, call.end.getEpochSecond() - call.answer.getEpochSecond()) : 0;
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (call.target != null) {
            tags.put("target", call.target);
        }
        if (call.send != null) {
            tags.put("sent", call.send);
        }
        if (!call.attempts.isEmpty()) {
            tags.put("failover", String.join("; ", call.attempts));
        }
        return new CallRecord(null, source, call.aCallId(), callIds, call.start, call.ring, call.answer,
                call.end, billable, call.caller, call.callerE164 != null ? call.callerE164 : e164(call.caller),
                call.callerName, call.callee, call.calleeE164 != null ? call.calleeE164 : e164(call.callee),
                call.direction, call.trunkIn, trunkOut, call.did, disposition, call.sipCode,
                call.reason == null ? "" : call.reason, call.hangupSide, call.codec, null, null, tags);
    }

    private void leaveSetup(Call call) {
        if (call.inSetup) {
            call.inSetup = false;
            inSetup.decrementAndGet();
        }
    }

    /** Gives back the channel of the trunk leg B went to (it keeps the name for the record). */
    private void releaseTrunk(Call call) {
        if (call.trunkOut != null && !call.trunkReleased) {
            trunks.state(call.trunkOut.name()).channels.decrementAndGet();
            call.trunkReleased = true;
        }
    }

    private static String e164(String number) {
        return number != null && number.matches("\\+[1-9][0-9]{6,14}") ? number : null;
    }

    private void cancelTimer(Call call) {
        if (call.ringTimer != null) {
            call.ringTimer.cancel(false);
        }
    }

    private void reply(ServerTransaction tx, Request request, int status, String reason) throws Exception {
        Response r = messages.createResponse(status, request);
        if (reason != null) {
            r.setReasonPhrase(reason);
        }
        send(tx, r, null);
    }

    /** Sends on leg A with the call's To tag (one tag for every response of the dialog). */
    private void send(ServerTransaction tx, Response r, Call call) throws SipException, InvalidArgumentException {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        try {
            if (to.getTag() == null) {
                to.setTag(call == null ? tag() : call.aTag);
            }
            if (call != null && r.getStatusCode() > 100 && r.getStatusCode() < 300
                    && r.getHeader(ContactHeader.NAME) == null) {
                r.addHeader(legs.contactOnLegA(call));
            }
        } catch (ParseException e) {
            throw new SipException("Cannot prepare a response", e);
        }
        tx.sendResponse(r);
    }

    /** ACK for a 2xx answer on leg B's dialog (or a branch the call left). */
    private void ackAnswer(Dialog d, Response answer) throws SipException, InvalidArgumentException, ParseException {
        d.sendAck(legs.advertised(d.createAck(((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber())));
    }

    private void copyBody(javax.sip.message.Message from, javax.sip.message.Message to) throws ParseException {
        byte[] body = from.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (body != null && body.length > 0 && type != null) {
            to.setContent(body, headers.createContentTypeHeader(type.getContentType(), type.getContentSubType()));
        }
    }

    private static String tag() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }
}
