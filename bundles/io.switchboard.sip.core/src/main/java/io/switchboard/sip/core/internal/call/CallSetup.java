package io.switchboard.sip.core.internal.call;

import io.switchboard.sip.core.internal.registrar.Authenticator;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.core.internal.stack.PacketSource;

import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.sip.api.SipEvents;

/**
 * A call's setup: the INVITE authenticated (or known by its trunk's address), routed, and leg B sent
 * to the user's phones (in parallel to each of its contacts), to a call target (answered at once, no
 * leg B) or to the route's trunks in order; capacity (503 with Retry-After) and Max-Forwards checked.
 */
final class CallSetup extends CallPart {

    private final LegEnds ends;
    /** Takes ringing calls for the users whose extension follows the pickup prefix, or null. */
    volatile CallPickup pickup;
    /** Carries out users' call forwarding, or null. */
    volatile CallForward forward;
    /** Sends leg B's INVITEs. */
    final LegB legB;
    /** Rings ring groups, or null. */
    volatile CallHunt hunt;
    /** Takes calls to mailboxes. */
    volatile CallDivert divert;

    CallSetup(CallPart shared) {
        super(shared);
        this.ends = new LegEnds(provisioning);
        this.legB = new LegB(shared, this);
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
        if (calls.size() >= limits.maxCalls() || inSetup.get() >= limits.maxCallsInSetup()) {
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
        String dialled = request.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        Optional<Trunk> trunk = trunks.sender(request);
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
        if (pickup != null && pickup.wanted(dialled)) {
            pickup.pickUp(event, tx, who.user(), dialled);
            return;
        }
        Call call = new Call(UUID.randomUUID().toString(), request, tx, provider, null, tag(), who.user(),
                DisplayNames.plain(from.getAddress().getDisplayName()), dialled);
        call.callerE164 = e164.apply(numberOf(who.user()));
        follow(call, provisioning.routing().route(new RouteRequest(who.user(), null, dialled, Instant.now())),
                mf == null ? 70 : mf.getMaxForwards() - 1);
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
        if (trunk.maxChannels() > 0 && trunks.state(trunk.name()).channels.get() >= trunk.maxChannels()) {
            call.trunkIn = null; // not counted: it never took a channel
            rejected(call, Response.SERVICE_UNAVAILABLE, "All channels of trunk " + trunk.name() + " in use");
            return;
        }
        trunks.state(trunk.name()).channels.incrementAndGet();
        follow(call, provisioning.routing().route(new RouteRequest(fromUser, trunk.name(), dialled, Instant.now())),
                maxForwards);
    }

    /**
     * Takes the call where routing decided. Whatever fails on the way ends the call with a final
     * answer and gives back what it took (relay session, channel, place among the calls in setup):
     * a call must never stay in setup because its offer or a peer surprised the code.
     */
    void follow(Call call, RouteDecision d, int maxForwards) {
        try {
            route(call, d, maxForwards);
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
            case USER -> toUser(call, d.destination(), maxForwards);
            case TRUNKS -> outbound(call, d, maxForwards);
            case TARGET -> toTarget(call, d.destination(), d.did());
            case REJECTED -> rejected(call, d.status(), call.trunkIn != null && d.did() == null
                    ? "Number not in service" : d.did() != null ? "No such user"
                    : d.status() == Response.NOT_FOUND && d.route() == null ? "No route to " + d.dialled()
                    : d.reasons().get(d.reasons().size() - 1));
        }
    }

    /** RFC 5079: the callee takes no calls that withhold the caller's identity. */
    static final int ANONYMITY_DISALLOWED = 433;

    /** @return whether the caller withholds its identity: From anonymous, or a Privacy header that asks it */
    private static boolean anonymous(Call call) {
        FromHeader from = (FromHeader) call.aInvite.getHeader(FromHeader.NAME);
        javax.sip.header.Header privacy = call.aInvite.getHeader("Privacy");
        String user = from.getAddress().getURI() instanceof javax.sip.address.SipURI u ? u.getUser() : null;
        String host = from.getAddress().getURI() instanceof javax.sip.address.SipURI u ? u.getHost() : null;
        return CallerId.anonymous(user, host, privacy == null ? null : privacy.toString());
    }

    /** To a local user's best registered contact, unless the user forwards every call. */
    void toUser(Call call, String user, int maxForwards) throws Exception {
        call.calleeUser = user;
        call.maxForwards = maxForwards;
        CallForward f = forward;
        if (f != null && !user.equals(call.rulesUser)) {
            call.rulesUser = user;
            call.rules = f.rulesOf(user, Instant.now());
            if (call.rules.rejectAnonymous() && anonymous(call)) {
                rejected(call, ANONYMITY_DISALLOWED, "Anonymity Disallowed: " + user + " takes no calls that withhold "
                        + "the caller's number");
                return;
            }
            if (f.unconditional(call, user) || f.busy(call, user)) {
                return;
            }
        }
        List<SipStore.Binding> bindings = store.bindings(user, Instant.now());
        if (bindings.isEmpty()) {
            rejected(call, Response.TEMPORARILY_UNAVAILABLE, "Not registered");
            return;
        }
        io.switchboard.sip.core.internal.push.PushWake wake = push;
        if (wake != null && call.push == null && wake.sleeping(bindings)) {
            call.push = "waking";
            start(call); // a CANCEL finds the call while the phone wakes
            wake.wake(user, bindings, call.id, "call", outcome -> woken(call, user, maxForwards, outcome));
            return;
        }
        if (call.sips() && !LegEnds.tls(bindings.get(0))) {
            rejected(call, Response.TEMPORARILY_UNAVAILABLE, "user " + user + " " + LegEnds.SIPS_REFUSAL);
            return;
        }
        byte[] offer = offerTo(call, user, bindings.get(0));
        if (call.state == Call.State.ENDED) {
            return; // refused by the media encryption policy (a late offer has no body: null goes on)
        }
        // the first phone that can be reached leads; one whose connection is gone (it left without
        // unregistering) is passed over instead of failing the call
        if (ring(call, user, bindings, offer, maxForwards, false) == 0) {
            synchronized (call) {
                teardown.failA(call, Response.TEMPORARILY_UNAVAILABLE, "Cannot reach the callee", Disposition.FAILED,
                        HangupSide.SYSTEM);
            }
            return;
        }
        int ringSeconds = call.rules != null && call.rules.noAnswer() != null && call.rules.noAnswerSeconds() > 0
                ? call.rules.noAnswerSeconds() : limits.ringTimeoutSeconds();
        call.ringTimer = timer.schedule(() -> teardown.ringTimeout(call), ringSeconds, TimeUnit.SECONDS);
    }

    /**
     * The offer for a user's phones, through the relay when the media policy anchors the call; starts
     * the call, or ends it when the media encryption policy refuses it.
     *
     * @return the offer (null for a late offer), or null with the call ended
     */
    byte[] offerTo(Call call, String user, SipStore.Binding first) throws Exception {
        SrtpPolicy.Outcome srtp = SrtpPolicy.offer(call.aInvite.getRawContent(), ends.caller(call), ends.user(user,
                first));
        if (srtp.refused()) {
            rejected(call, Response.NOT_ACCEPTABLE_HERE, srtp.refusal());
            return null;
        }
        if (!calls.containsKey(call.id)) {
            start(call);
        }
        synchronized (call) {
            call.ends(ends.caller(call), ends.user(user, first));
            return media.offer(call, callerSide(call), MediaAnchor.Side.user(user, natted(first)), srtp.offer());
        }
    }

    /**
     * Sends the offer to each of a user's phones that fits it.
     *
     * @param forks whether every phone is a further branch (a ring group's step), else the first leads
     * @return how many phones were rung
     */
    int ring(Call call, String user, List<SipStore.Binding> bindings, byte[] offer, int maxForwards, boolean forks) {
        int rung = 0;
        for (SipStore.Binding b : bindings) {
            if (b != bindings.get(0) && (call.sips() && !LegEnds.tls(b)
                    || SrtpPolicy.offer(call.aInvite.getRawContent(), ends.caller(call), ends.user(user, b)).refused())) {
                continue; // that phone's connection or policy does not fit the offer: the others ring
            }
            try {
                legB.invite(call, legs.reachable(b), offer, null, maxForwards, forks || rung > 0, user);
                rung++;
            } catch (Exception e) {
                LOG.log(Level.INFO, "Cannot ring " + user + " at " + b.contact() + ": " + LegEnds.why(e));
            }
        }
        return rung;
    }

    /** The callee's sleeping phone registered again, or the wait is over: its phones ring now. */
    private void woken(Call call, String user, int maxForwards, io.switchboard.sip.core.internal.push.PushWake.Outcome o) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return; // the caller gave up while the phone woke
            }
        }
        call.push = o.failure() == null ? "woken in " + o.millis() + " ms" : "not woken: " + o.failure();
        call.pushMillis = o.millis();
        try {
            toUser(call, user, maxForwards);
        } catch (Exception | LinkageError | AssertionError e) {
            synchronized (call) {
                teardown.failedSetup(call, e);
            }
        }
    }

    /** To a destination served inside the server: it answers or refuses at once, and has no leg B. */
    void toTarget(Call call, String name, String did) throws Exception {
        toTarget(call, name, call.callee, did);
    }

    /**
     * To a ring group of that extension, or to the call target of that name.
     *
     * @param dialled what the target is told was dialled (a forward dials on the forwarding user's behalf)
     */
    void toTarget(Call call, String name, String dialled, String did) throws Exception {
        if (name.startsWith(CallHunt.MAILBOX)) {
            call.calleeUser = name.substring(CallHunt.MAILBOX.length());
            if (!divert.toVoicemail(call, "to voicemail: " + (did == null ? dialled : did))) {
                rejected(call, Response.TEMPORARILY_UNAVAILABLE, "No mailbox for " + call.calleeUser);
            }
            return;
        }
        CallHunt h = hunt;
        if (h != null && h.isGroup(name)) {
            h.start(call, name, call.maxForwards);
            return;
        }
        Optional<CallTarget> target = provisioning.targets().apply(name);
        if (target.isEmpty()) {
            rejected(call, Response.NOT_FOUND, "No such user");
            return;
        }
        byte[] offer = call.aInvite.getRawContent();
        TargetAnswer answer;
        try {
            answer = target.get().offer(new TargetCall(call.id, call.caller, dialled, did,
                    offer == null ? null : new String(offer, java.nio.charset.StandardCharsets.UTF_8), call.trunkIn,
                    call.callerName));
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
            call.streams = Sdp.streams(sdp);
            call.targetSdp = sdp;
            sessionTimers.answered(call, null);
            Response a = messages.createResponse(Response.OK, call.aInvite);
            a.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            journal.answered(record(call, Disposition.ANSWERED)).whenComplete((committed, failure) -> relay.relayAnswer(call, a));
        }
    }

    /** Out through the decision's trunks, in order. */
    void outbound(Call call, RouteDecision d, int maxForwards) throws Exception {
        if (call.trunkIn == null) {
            call.direction = Direction.OUTBOUND;
        }
        d.trunks().stream().filter(TrunkChoice::usable).forEach(c -> call.candidates.add(c.trunk()));
        d.trunks().stream().filter(c -> !c.usable()).forEach(c -> call.attempts.add(c.trunk() + ": " + c.why()));
        call.send = d.send();
        if (call.candidates.isEmpty()) {
            rejected(call, Response.SERVICE_UNAVAILABLE, "No trunk available on route " + d.route());
            return;
        }
        // a forwarded call leaves on the forwarding user's account, wherever it came from
        String limited = call.limitedUser != null ? call.limitedUser : call.trunkIn == null ? call.caller : null;
        if (limited != null) {
            String refusal = userLimits.admit(limited, provisioning.policies().apply(limited),
                    System.currentTimeMillis());
            if (refusal != null) {
                rejected(call, Response.FORBIDDEN, refusal);
                return;
            }
            call.limitedUser = limited;
            call.countedForCaller = true;
        }
        call.maxForwards = maxForwards;
        start(call);
        synchronized (call) {
            if (!nextTrunk(call)) {
                // refused here (codecs, encryption, sips): the record names the rule, not just "no trunk"
                teardown.failA(call, call.lastFailure != 0 ? call.lastFailure : Response.SERVICE_UNAVAILABLE,
                        call.lastFailure != 0 && !call.attempts.isEmpty()
                                ? call.attempts.get(call.attempts.size() - 1) : "No trunk could take the call",
                        Disposition.FAILED, HangupSide.SYSTEM);
                return;
            }
        }
        call.ringTimer = timer.schedule(() -> teardown.ringTimeout(call), limits.ringTimeoutSeconds(), TimeUnit.SECONDS);
    }

    /** Sends leg B to the next usable trunk of the call's route. Holds the call's monitor. @return false if none is left */
    boolean nextTrunk(Call call) {
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
            if (call.sips() && !"tls".equals(t.transport())) {
                call.attempts.add(name + ": " + LegEnds.SIPS_REFUSAL);
                call.lastFailure = Response.TEMPORARILY_UNAVAILABLE;
                continue;
            }
            SrtpPolicy.Outcome srtp = SrtpPolicy.offer(offer, ends.caller(call),
                    LegEnds.trunk(t));
            if (srtp.refused()) {
                call.attempts.add(name + ": " + srtp.refusal());
                call.lastFailure = Response.NOT_ACCEPTABLE_HERE;
                continue;
            }
            offer = srtp.offer();
            call.ends(ends.caller(call), LegEnds.trunk(t));
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
                offer = media.offer(call, callerSide(call), MediaAnchor.Side.trunk(name, false), offer);
                legB.invite(call, target, offer, t, call.maxForwards, false, null);
                return true;
            } catch (Exception e) {
                trunks.state(name).channels.decrementAndGet();
                call.trunkReleased = true;
                call.attempts.add(name + ": " + LegEnds.why(e));
            }
        }
        return false;
    }

    /** The caller's side of a call for the media policy: behind NAT when its SDP names another address than its packets. */
    private static MediaAnchor.Side callerSide(Call call) {
        boolean natted = MediaAnchor.natted(call.aInvite.getRawContent(), PacketSource.of(call.aInvite).host());
        return call.trunkIn != null ? MediaAnchor.Side.trunk(call.trunkIn, natted)
                : MediaAnchor.Side.user(call.caller, natted);
    }

    /** @return whether a phone registered from another address than its Contact names (behind NAT) */
    private boolean natted(SipStore.Binding b) {
        if (b.source() == null || b.source().indexOf(':') < 0) {
            return false;
        }
        String sourceHost = b.source().substring(b.source().indexOf(':') + 1, b.source().lastIndexOf(':'));
        try {
            return addresses.createURI(b.contact()) instanceof SipURI contact && !contact.getHost().equals(sourceHost);
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /** Tells the caller that its call is forwarded (181), while its INVITE is still unanswered. */
    void tellForwarded(Call call) {
        try {
            if (call.aTx.getState() == javax.sip.TransactionState.PROCEEDING
                    || call.aTx.getState() == javax.sip.TransactionState.TRYING) {
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
