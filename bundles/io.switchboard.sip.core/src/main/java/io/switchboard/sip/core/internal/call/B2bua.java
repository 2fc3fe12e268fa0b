package io.switchboard.sip.core.internal.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;

import io.switchboard.directory.api.ContactLookup;
import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.forwarding.CallForwarding;
import io.switchboard.sip.api.hunting.HuntGroups;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.core.internal.dispatch.CallHandler;
import io.switchboard.sip.core.internal.push.PushWake;
import io.switchboard.sip.routing.EmergencyDialling;

/**
 * The back-to-back user agent: every call is two dialogs, A (caller, we are its UAS) and B (callee,
 * we are its UAC), with new Call-ID, tags and Via on B. Its parts: {@link CallSetup} (authenticate,
 * route, send leg B), {@link CallRelay} (responses and in-dialog requests between the legs) and
 * {@link CallTeardown} (every way a call ends, and its record handed over).
 */
public final class B2bua extends CallPart implements CallHandler {

    private final CallPaths paths;
    private final CallTransfer transfer;
    private final CallRedirect redirect;
    private final CallOriginate originate;
    private final CallInDialog inDialog;

    /**
     * The B2BUA's limits, from the server settings.
     *
     * @param emergencyCallsPerUser emergency calls one user may have at once (never fewer than one)
     */
    public record Limits(int ringTimeoutSeconds, int maxCalls, int maxCallsInSetup, int retryAfterSeconds,
            int sessionExpiresSeconds, int emergencyCallsPerUser) {
    }

    /** The media relay, when one is installed, and when calls go through it. */
    public record Media(Supplier<MediaRelay> relay, MediaAnchor.Policy policy) {
    }

    /**
     * The provisioning the calls read, and the routing they follow.
     *
     * @param anchored whether a call target asked for its calls on the relay (CallTarget.ANCHORED)
     * @param policies each user's calling policy, the server's defaults filled in
     * @param emergency the emergency call a Request-URI's user part (or service URN) dials, or null
     * @param locations the emergency locations service, or null when none runs
     */
    public record Provisioned(TrunkService trunks, NumberService numbers, RoutingService routing,
            Function<String, Optional<CallTarget>> targets,
            Predicate<CallTarget> anchored,
            Function<String, CallingPolicy> policies,
            Function<String, EmergencyDialling.Dial> emergency,
            Supplier<EmergencyLocations> locations) {
    }

    public B2bua(CallContext context) {
        super(context);
        CallSetup s = new CallSetup(this);
        CallRelay r = new CallRelay(this);
        CallTeardown t = new CallTeardown(this);
        CallDivert d = new CallDivert(this);
        CallForward f = new CallForward(this, d);
        CallHunt h = new CallHunt(this, d);
        this.paths = new CallPaths(this, f, h);
        this.transfer = new CallTransfer(this);
        this.redirect = new CallRedirect(this);
        this.originate = new CallOriginate(this);
        this.inDialog = new CallInDialog(this);
        CallHandOver handOver = new CallHandOver(this);
        for (CallPart part : new CallPart[] { this, s, s.user, s.target, s.outbound, r, t, d, f, h, paths, transfer,
            redirect, originate, inDialog, handOver }) {
            part.wire(s, r, t);
        }
        t.forward = f;
        s.forward = f;
        t.hunt = h;
        s.hunt = h;
        s.divert = d;
        r.hunt = h;
        inDialog.transfer = transfer;
        inDialog.handOver = handOver;
        Referrals referrals = new Referrals();
        inDialog.referrals = referrals;
        s.target.referrals = referrals;
        t.redirect = redirect;
        r.originate = originate;
    }

    /** @return where a call would go from a routing decision on, as a tree (the route simulator's path) */
    public Map<String, Object> path(RouteDecision d, Instant when) {
        return paths.path(d, when);
    }

    /** @param lookups the contact directories' lookup, or a supplier of null while none is installed */
    public void useDirectory(Supplier<ContactLookup> lookups) {
        setup.names.use(lookups);
    }

    /** @param groups the ring group service, or null while none is installed */
    public void useGroups(Supplier<HuntGroups> groups) {
        setup.hunt.use(groups);
    }

    /**
     * Users' call forwarding.
     *
     * @param forwarding the forwarding service, or null while none is installed
     * @param hops how many forwards one call may follow
     * @param onTrunks the setting forwardHeaders: what trunk legs of forwarded calls carry
     */
    public void useForwarding(Supplier<CallForwarding> forwarding,
            int hops, String[] onTrunks) {
        setup.forward.use(forwarding, hops, ForwardHeaders.of(onTrunks));
    }

    /** Calls to phones that registered with a push service's parameters wake them first (RFC 8599). */
    public void usePush(PushWake wake) {
        this.push = wake;
        setup.push = wake;
    }

    /** @param callers the accounts whose calls may ask the callee's phone to answer on its own (intercom, pages) */
    public void useIntercom(Set<String> callers) {
        setup.intercomCallers = Set.copyOf(callers);
    }

    /** @param prefix dialled before a ringing user's extension to take the call ("**"), or empty for none */
    public void usePickup(String prefix) {
        CallPickup p = new CallPickup(this, prefix);
        p.wire(setup, relay, teardown);
        setup.pickup = p;
    }

    /** @return the calls in progress as the API shows them, oldest first */
    public List<ActiveCall> activeCalls() {
        List<ActiveCall> out = new ArrayList<>();
        for (Call c : calls.values()) {
            synchronized (c) {
                out.add(new ActiveCall(c.id, c.state.name().toLowerCase(Locale.ROOT),
                        c.aCallId(), c.bCallId, c.caller, c.callee, c.target, c.start, c.answer));
            }
        }
        out.sort(Comparator.comparing(ActiveCall::start));
        return out;
    }

    public Collection<Call> calls() {
        return calls.values();
    }

    /** Puts its figures into the switch's status: calls now and since the start. */
    public void status(Map<String, Object> body) {
        body.put("activeCalls", calls().size());
        body.put("completedCalls", completed());
        body.put("rejectedOverload", rejectedOverload());
        body.put("failedSetups", failedSetups());
    }

    public long failedSetups() {
        return failedSetups.get();
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

    @Override
    public void invite(RequestEvent event, ServerTransaction tx) throws Exception {
        setup.invite(event, tx);
    }

    @Override
    public void cancel(RequestEvent event, ServerTransaction tx) throws Exception {
        teardown.cancel(event, tx);
    }

    @Override
    public void inDialog(RequestEvent event, ServerTransaction tx) throws Exception {
        inDialog.inDialog(event, tx);
    }

    @Override
    public void ack(RequestEvent event) throws Exception {
        relay.ack(event);
    }

    @Override
    public void response(ResponseEvent event) throws Exception {
        relay.response(event);
    }

    @Override
    public void timeout(TimeoutEvent event) {
        teardown.timeout(event);
    }

    /** The stack ended a dialog (for example a transport failure): the call ends with it. */
    public void dialogTerminated(Dialog dialog) {
        teardown.dialogTerminated(dialog);
    }

    /**
     * Hangs up a call: BYE on both legs when answered, CANCEL and 480 while ringing.
     *
     * @param id the call's id, or the SIP Call-ID of either of its legs
     */
    public boolean hangup(String id) {
        return teardown.hangup(id);
    }

    /** @return whether the caller's phone of a call answered by a call target was asked to call {@code target} */
    public boolean transfer(String id, String target) {
        return transfer.refer(id, target);
    }

    /** @return null when the call answered by an anchored target goes on to the destination, else why not */
    public String redirect(String id, String destination) {
        return redirect.redirect(id, destination);
    }

    /** @return null when the user's phones ring for the call answered by an anchored target, else why not */
    public String ring(String id, String user, int seconds) {
        return redirect.ring(id, user, seconds);
    }

    /** @return null when the users' phones ring at once for the call answered by an anchored target, else why not */
    public String ring(String id, List<String> users, int seconds) {
        return redirect.ring(id, users, seconds);
    }

    /** @return null when the outside number is called for the call answered by an anchored target, else why not */
    public String ringNumber(String id, String number, int seconds) {
        return redirect.ringNumber(id, number, seconds);
    }

    /** @return the id of a click-to-call whose user's phone now rings (CallControl.connect) */
    public String connect(String user, String number, String name) {
        return originate.connect(user, number, name);
    }

    /** @return why a click-to-call of the user to the number would be refused, or null (CallControl.refusal) */
    public String refusal(String user, String number) {
        return originate.refusal(user, number);
    }

    /** @return whether the call in progress got the tag for its record (CallControl.tag) */
    public boolean tag(String id, String name, String value) {
        if (name == null || !name.matches("[A-Za-z0-9]{1,40}")) {
            throw new IllegalArgumentException("A tag's name is letters and digits: " + name);
        }
        if (value == null || value.length() > 200) {
            throw new IllegalArgumentException("Tag " + name + " needs a value of at most 200 characters");
        }
        Call call = lookup(id);
        if (call == null) {
            return false;
        }
        call.serviceTags.put(name, value);
        return true;
    }

    Optional<Call> call(String id) {
        return Optional.ofNullable(calls.get(id));
    }

    /** Ends every call (server stop): BYE or CANCEL so that no phone stays in a dead call. */
    public void stop() {
        new ArrayList<>(calls.keySet()).forEach(this::hangup);
    }
}
