package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.SipEvents;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.routing.EmergencyDialling;
import io.switchboard.sip.stack.DisplayNames;
import io.switchboard.sip.stack.PacketSource;

/**
 * A call's setup: the INVITE checked (capacity with 503 and Retry-After, Max-Forwards, sips:),
 * authenticated or known by its trunk's address, routed, and handed on by destination: to a user
 * ({@link CallToUser}), to a target inside the server ({@link CallToTarget}) or out through trunks
 * ({@link CallOutbound}).
 */
final class CallSetup extends CallPart {

    /** Rings a local user's phones. */
    final CallToUser user;
    /** Hands calls to mailboxes, ring groups and call targets. */
    final CallToTarget target;
    /** Sends calls out through trunks. */
    final CallOutbound outbound;
    /** Takes ringing calls for the users whose extension follows the pickup prefix, or null. */
    volatile CallPickup pickup;
    /** The accounts whose calls may ask the callee's phone to answer on its own. */
    volatile Set<String> intercomCallers = Set.of();
    /** Carries out users' call forwarding, or null. */
    volatile CallForward forward;
    /** Sends leg B's INVITEs. */
    final LegB legB;
    /** Rings ring groups, or null. */
    volatile CallHunt hunt;
    /** Takes calls to mailboxes. */
    volatile CallDivert divert;
    /** Names callers from trunks from the contact directories. */
    final CallerNames names;

    CallSetup(CallPart shared) {
        super(shared);
        this.names = new CallerNames(timer);
        LegEnds ends = new LegEnds(provisioning);
        this.legB = new LegB(shared, this);
        this.user = new CallToUser(shared, ends);
        this.target = new CallToTarget(shared);
        this.outbound = new CallOutbound(shared, ends);
    }

    /** A new INVITE (no To tag), with its server transaction already made. */
    void invite(RequestEvent event, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        SipProvider provider = (SipProvider) event.getSource();
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            reply(tx, request, Response.TOO_MANY_HOPS, null);
            return;
        }
        String dialled = request.getRequestURI() instanceof SipURI s ? s.getUser()
                : EmergencyDialling.dialled(request.getRequestURI().toString());
        EmergencyDialling.Dial sos = provisioning.emergency().apply(dialled);
        if (sos == null && (calls.size() >= limits.maxCalls() || inSetup.get() >= limits.maxCallsInSetup())) {
            rejectedOverload.incrementAndGet();
            Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.addHeader(headers.createRetryAfterHeader(limits.retryAfterSeconds()));
            send(tx, busy, null);
            return;
        }
        if (request.getRequestURI() instanceof SipURI uri && uri.isSecure() && !PacketSource.cameOverTls(request)) {
            reply(tx, request, Response.UNSUPPORTED_URI_SCHEME, "A request to a sips: address must come over TLS");
            return;
        }
        tx.sendResponse(messages.createResponse(Response.TRYING, request));
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String fromUser = from.getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
        Optional<Trunk> trunk = trunks.sender(request);
        if (trunk.isPresent()) {
            inbound(event, tx, provider, trunk.get(), fromUser, DisplayNames.plain(from.getAddress().getDisplayName()),
                    request.getRequestURI() instanceof SipURI s ? s.getUser() : null,
                    mf == null ? 70 : mf.getMaxForwards() - 1);
            return;
        }
        // an emergency call is authenticated too, but a lockout of its user never refuses it
        Authenticator.Result who = auth.authenticate(request, true, sos != null);
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
        if (sos == null && pickup != null && pickup.wanted(dialled)) {
            pickup.pickUp(event, tx, who.user(), dialled);
            return;
        }
        Call call = new Call(UUID.randomUUID().toString(), request, tx, provider, null, tag(), who.user(),
                DisplayNames.plain(from.getAddress().getDisplayName()), dialled);
        call.callerE164 = e164.apply(numberOf(who.user()));
        call.emergency = sos;
        call.intercom = sos == null && Intercom.asked(request, who.user(), intercomCallers);
        call.noDivert = call.intercom;
        if (sos != null && !sos.test() && emergencyCalls(who.user()) >= limits.emergencyCallsPerUser()) {
            // still an emergency call to the alerts: the site hears that someone is trying, and how often
            LOG.log(Level.WARNING, "Emergency call of " + who.user() + " refused: " + limits.emergencyCallsPerUser()
                    + " of theirs are in progress (emergencyCallsPerUser)");
            rejected(call, Response.BUSY_HERE, "Emergency calls at once: " + who.user() + " has "
                    + limits.emergencyCallsPerUser() + " in progress (emergencyCallsPerUser)");
            return;
        }
        follow(call, () -> provisioning.routing().route(new RouteRequest(who.user(), null, dialled, Instant.now())),
                mf == null ? 70 : mf.getMaxForwards() - 1);
    }

    /** @return the user's emergency calls that have not ended */
    private long emergencyCalls(String user) {
        return calls.values().stream().filter(c -> c.emergency != null && !c.emergency.test() && user.equals(c.caller)
                && c.state != Call.State.ENDED).count();
    }

    /** A call from a carrier: to the user of the number it came to, if the trunk has a channel free. */
    void inbound(RequestEvent event, ServerTransaction tx, SipProvider provider, Trunk trunk,
            String fromUser, String fromName, String dialled, int maxForwards) throws Exception {
        Request request = event.getRequest();
        Call call = new Call(UUID.randomUUID().toString(), request, tx, provider, null, tag(), fromUser, fromName,
                dialled);
        call.direction = Direction.INBOUND;
        call.trunkIn = trunk.name();
        call.callerE164 = e164.apply(fromUser);
        call.calleeE164 = e164.apply(dialled);
        if (trunk.maxChannels() > 0 && trunks.state(trunk.name()).inUse() >= trunk.maxChannels()) {
            call.trunkIn = null; // not counted: it never took a channel
            rejected(call, Response.SERVICE_UNAVAILABLE, "All channels of trunk " + trunk.name() + " in use");
            return;
        }
        trunks.state(trunk.name()).channels.incrementAndGet();
        RouteRequest asked = new RouteRequest(fromUser, trunk.name(), dialled, Instant.now());
        if (names.ask(call, this::start, () -> follow(call, () -> provisioning.routing().route(asked), maxForwards))) {
            return;
        }
        follow(call, () -> provisioning.routing().route(asked), maxForwards);
    }

    /**
     * Takes the call where routing decided. Whatever fails on the way ends the call with a final
     * answer and gives back what it took (relay session, channel, place among the calls in setup):
     * a call must never stay in setup because its offer, a peer or the database surprised the code.
     */
    void follow(Call call, Supplier<RouteDecision> decision, int maxForwards) {
        try {
            route(call, decision.get(), maxForwards);
        } catch (Exception | LinkageError | AssertionError e) {
            synchronized (call) {
                if (!calls.containsKey(call.id) && call.state != Call.State.ENDED) {
                    calls.put(call.id, call);
                    byACallId.put(call.aCallId(), call);
                }
                teardown.failedSetup(call, e);
            }
        }
    }

    private void route(Call call, RouteDecision d, int maxForwards) throws Exception {
        call.maxForwards = maxForwards;
        if (d.e164() != null) {
            call.calleeE164 = d.e164();
        }
        call.did = d.did();
        call.route = d.route();
        switch (d.outcome()) {
            case USER -> user.go(call, d.destination(), maxForwards);
            case TRUNKS -> outbound.go(call, d, maxForwards);
            case TARGET -> target.go(call, d.destination(), d.did());
            case REJECTED -> rejected(call, d.status(), call.trunkIn != null && d.did() == null
                    ? "Number not in service" : d.did() != null && lastReason(d).endsWith(": not in service")
                    ? "Number not in service (" + lastReason(d).split(" is ", 2)[1].replace(": not in service", "") + ")"
                    : d.did() != null ? "No such user"
                    : d.status() == Response.NOT_FOUND && d.route() == null ? "No route to " + d.dialled()
                    : d.reasons().get(d.reasons().size() - 1));
        }
    }

    private static String lastReason(RouteDecision d) {
        return d.reasons().isEmpty() ? "" : d.reasons().get(d.reasons().size() - 1);
    }

    /** Tells the caller that its call is forwarded (181), while its INVITE is still unanswered. */
    void tellForwarded(Call call) {
        try {
            if (call.aTx.getState() == TransactionState.PROCEEDING
                    || call.aTx.getState() == TransactionState.TRYING) {
                send(call.aTx, messages.createResponse(Response.CALL_IS_BEING_FORWARDED, call.aInvite), call);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot tell the caller of " + call.aCallId() + " that it is forwarded: " + e);
        }
    }

    /** Registers a call that goes ahead (leg A's dialog and the lookup maps). */
    void start(Call call) throws SipException {
        if (call.aDialog != null) {
            return; // started before it was forwarded
        }
        call.aDialog = call.aProvider.getNewDialog(call.aTx);
        call.inSetup = true;
        inSetup.incrementAndGet();
        boolean opened = calls.put(call.id, call) != null; // a refused call was kept with its ladder
        byDialog.put(call.aDialog, call);
        byACallId.put(call.aCallId(), call);
        if (!opened) {
            openLadder(call);
        }
        call.aTx.setApplicationData(call);
        events.post(SipEvents.CALL_STARTED, call);
    }

    private void openLadder(Call call) {
        PacketSource source = PacketSource.of(call.aInvite);
        ladders.open(call.aCallId(), call.aInvite, source.host() + ":" + source.port());
    }

    /** @return the caller's own number: the first number of the inventory that goes to this user */
    String numberOf(String user) {
        return provisioning.numbers().numberOf(user).orElse(user);
    }

    /** An authenticated call that cannot be put through: the caller gets the status, the call a record. */
    void rejected(Call call, int status, String reason) {
        if (calls.putIfAbsent(call.id, call) == null) {
            byACallId.put(call.aCallId(), call);
            openLadder(call);
        }
        synchronized (call) {
            teardown.failA(call, status, reason, Disposition.FAILED, HangupSide.SYSTEM);
        }
    }
}
