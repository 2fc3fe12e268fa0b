package io.switchboard.sip.core.internal.call;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sip.address.SipURI;
import javax.sip.message.Response;

import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.emergency.api.DispatchLocation;
import io.switchboard.emergency.api.EmergencyCaller;
import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.stack.PacketSource;

/**
 * A call's setup out through a route's trunks, in order: the caller's limits judged, then each
 * usable trunk tried (its codecs, transport, encryption and free channels) until one takes leg B.
 */
final class CallOutbound extends CallPart {

    private final LegEnds ends;

    CallOutbound(CallPart shared, LegEnds ends) {
        super(shared);
        this.ends = ends;
    }

    /** Out through the decision's trunks, in order. */
    void go(Call call, RouteDecision d, int maxForwards) throws Exception {
        if (call.trunkIn == null) {
            call.direction = Direction.OUTBOUND;
        }
        d.trunks().stream().filter(TrunkChoice::usable).forEach(c -> call.candidates.add(c.trunk()));
        d.trunks().stream().filter(c -> !c.usable()).forEach(c -> call.attempts.add(c.trunk() + ": " + c.why()));
        call.send = d.send();
        if (call.candidates.isEmpty()) {
            setup.rejected(call, Response.SERVICE_UNAVAILABLE, "No trunk available on route " + d.route());
            return;
        }
        // a forwarded call leaves on the forwarding user's account, wherever it came from
        String limited = call.limitedUser != null ? call.limitedUser : call.trunkIn == null ? call.caller : null;
        if (call.emergency != null) {
            locate(call);
        } else if (limited != null) {
            String refusal = userLimits.admit(limited, provisioning.policies().apply(limited),
                    System.currentTimeMillis());
            if (refusal != null) {
                setup.rejected(call, Response.FORBIDDEN, refusal);
                return;
            }
            call.limitedUser = limited;
            call.countedForCaller = true;
        }
        call.maxForwards = maxForwards;
        setup.start(call);
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

    /**
     * Resolves an emergency call's location and callback number, and notes them in its record; a
     * location service that fails or is missing never holds the call up: it leaves with the caller's
     * own number and no location.
     */
    private void locate(Call call) {
        EmergencyLocations locations = provisioning.locations().get();
        if (locations != null) {
            try {
                call.location = locations.locate(new EmergencyCaller(call.caller, call.callerE164,
                        PacketSource.address(call.aInvite)));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Emergency call " + call.id + " leaves without a "
                        + "location: the location service failed: " + e);
            }
        }
        call.serviceTags.put("emergency", call.emergency.dialled());
        DispatchLocation l = call.location;
        call.serviceTags.put("emergencyCallback", l != null && l.callback() != null ? l.callback()
                : call.callerE164 != null ? call.callerE164 : call.caller);
        call.serviceTags.put("emergencyLocatedBy", l == null ? "no location service" : l.how());
        // what the trunks that take no location by value have on file for the number; LegB says when one did
        call.serviceTags.put("emergencyLocationSent", "on file with the carrier for "
                + call.serviceTags.get("emergencyCallback"));
        if (l != null && l.location() != null) {
            call.serviceTags.put("emergencyLocation", l.location().name());
            call.serviceTags.put(EventPoster.EMERGENCY_ADDRESS_TAG,
                    l.address());
        }
    }

    /** Sends leg B to the next usable trunk of the call's route. Holds the call's monitor. @return false if none is left */
    boolean nextTrunk(Call call) {
        while (!call.candidates.isEmpty()) {
            String name = call.candidates.poll();
            String problem = call.emergency != null ? trunks.unusableForEmergency(name) : trunks.unusable(name);
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
                offer = media.offer(call, MediaAnchor.Side.caller(call), MediaAnchor.Side.trunk(name, false), offer);
                setup.legB.invite(call, target, List.of(), offer, t, call.maxForwards, false, null);
                return true;
            } catch (Exception e) {
                trunks.state(name).channels.decrementAndGet();
                call.trunkReleased = true;
                call.attempts.add(name + ": " + LegEnds.why(e));
            }
        }
        return false;
    }
}
