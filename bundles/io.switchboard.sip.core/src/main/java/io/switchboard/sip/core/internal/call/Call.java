package io.switchboard.sip.core.internal.call;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.emergency.api.DispatchLocation;
import io.switchboard.media.api.MediaSession;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.forwarding.ForwardingRules;
import io.switchboard.sip.api.hunting.HuntPlan;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.routing.EmergencyDialling;

/**
 * One call through the B2BUA: leg A (the caller's dialog, where we are the UAS) and leg B (the
 * callee's dialog, where we are the UAC), with the times and outcome its call record needs. Guarded
 * by its own monitor: SIP events of both legs arrive on several stack threads.
 */
public final class Call implements EventPoster.Subject {

    public enum State {
        SETUP, EARLY, ANSWERED, ENDED
    }

    public final String id;
    public final Instant start = Instant.now();
    final Request aInvite;
    final ServerTransaction aTx;
    /** Leg A's provider; a click-to-call's becomes the answering phone's (its transport). */
    volatile SipProvider aProvider;
    Dialog aDialog;
    final String aTag;
    public final String caller;
    /** The caller's name: as the caller's phone or carrier sent it, or the contact directory's. */
    volatile String callerName;
    /** The company and link of the caller's contact, when a directory knew the number; else null. */
    volatile String callerCompany;
    volatile String callerLink;
    public final String callee;
    final boolean lateOffer;

    SipProvider bProvider;
    ClientTransaction bTx;
    Dialog bDialog;
    public String bCallId;
    public String target;
    /** How waking the callee's sleeping phone went ("woken in 820 ms", "not woken: ..."), or null. */
    volatile String push;
    /** Milliseconds from the push until the phone registered again, -1 when it did not. */
    volatile long pushMillis = -1;
    /** The user whose phones the call rings, or null (a trunk or a call target takes it). */
    public volatile String calleeUser;
    /** Why the call went to voicemail instead of failing ("480 No answer"), or null. */
    String divertedFrom;
    /**
     * Placed by the switch (click-to-call): leg A is the switch's own client dialog with the user's
     * phone, answered before leg B starts; nothing is answered on it, and it ends with BYE or CANCEL.
     */
    boolean originated;
    /**
     * Handed on by the call target that answered it (CallControl.redirect): leg A was answered by the target, its
     * media flow to the relay, and nothing more is answered on it.
     */
    boolean redirected;
    /** The call target that handed the call on, told the call ended for it once the destination answers. */
    CallTarget redirectedFrom;
    /** What the call's record named as its target before the redirect, for a call that comes back. */
    String redirectedTarget;
    /** The call target's own SDP answer (the relay's is sent to the caller), for a call that comes back. */
    byte[] targetAnswer;
    /** The INVITEs to the user's phones of an originated call while they ring; emptied when one answers. */
    final List<ClientTransaction> userLegs = new ArrayList<>();
    /** Never diverted to voicemail (an admin hung it up). */
    boolean noDivert;
    /** Hung up while handed on: the call target that handed it on does not take it back. */
    boolean noReturn;
    /** A call target's answer is being made durable before it goes to the caller: a redirect waits for it. */
    boolean answering;
    /** A redirect asked for while the target's answer was on its way, run once it reached the caller. */
    Runnable afterAnswer;
    /** A queue's ring of its agent (CallControl.ring): only the user's phones, this long, else 0. */
    int agentRingSeconds;
    /** An intercom call or page: the callee's phones are told to answer on their own ({@link Intercom}). */
    boolean intercom;
    /** The user whose phones rang until {@link #calleeUser} picked the call up, or null. */
    public volatile String pickedUpFrom;
    /** Tags a call target or service gave the call's record (CallControl.tag); the switch's own win. */
    final Map<String, String> serviceTags = new ConcurrentHashMap<>();
    /** The emergency call it is, or null: limits, lockouts and class of service never refuse one. */
    public volatile EmergencyDialling.Dial emergency;
    /** The location sent with an emergency call, or null. */
    public volatile DispatchLocation location;
    /** What the caller's phone was asked to call instead of the call target, or null. */
    volatile String transferredTo;
    /** The name of the route the call follows, or null (a call to a user needs none). */
    String route;
    /** The call target that answered the call, or null. */
    CallTarget callTarget;
    /** The call's media through the relay, or null when it flows phone to phone. */
    MediaSession media;
    /** The call target's SDP answer, given again to the caller's re-INVITEs. */
    byte[] targetSdp;

    public State state = State.SETUP;
    Instant ring;
    public Instant answer;
    Instant end;
    public int sipCode;
    String reason;
    public Disposition disposition;
    HangupSide hangupSide = HangupSide.UNKNOWN;
    String codec;
    /** The kinds of the streams the answer kept ("audio,video"). */
    String streams;
    /** Video is declined on this call: a side of it may not carry video (setting stripVideo). */
    boolean noVideo;
    /** Whether the answer carried SRTP keys: the media went encrypted. */
    boolean encrypted;
    public Direction direction = Direction.INTERNAL;
    String callerE164;
    String calleeE164;
    String did;
    public String trunkIn;
    /** The trunk leg B goes to now (outbound), with the ones still to try after it. */
    public Trunk trunkOut;
    Deque<String> candidates = new ArrayDeque<>();
    String send;
    /** The two ends as SRTP sees them, once leg B's end is known: every SDP between them is judged. */
    SrtpPolicy.End endA;
    SrtpPolicy.End endB;
    final List<String> attempts = new ArrayList<>();
    boolean carrierAuthAnswered;
    int maxForwards = 70;
    int lastFailure;
    boolean trunkReleased = true;
    /** Further contacts of the callee, rung in parallel with leg B (forking); the first to answer wins. */
    final List<Fork> forks = new ArrayList<>();
    boolean mainDone;
    /** Counted among the calls in setup (for the overload limit). */
    boolean inSetup;
    /** Counted against {@link #limitedUser}'s calling limits (a user's call out through trunks) until it ends. */
    boolean countedForCaller;
    /** The user whose class of service and limits a call out through trunks takes: the caller, or who forwarded it. */
    String limitedUser;
    /** The forwarding of {@link #rulesUser}, read once when the call reached that user. */
    ForwardingRules rules;
    String rulesUser;
    /** The ring group the call was dialled to, and where it is in the group's plan; or null. */
    Hunt hunt;

    /** A ring group's plan for one call, and how far it got. */
    static final class Hunt {
        final HuntPlan plan;
        int step = -1;
        /** Past the last step: the plan's final destination has the call. */
        boolean finished;
        /** Members not rung, and why ("bob: busy"). */
        final List<String> passed = new ArrayList<>();
        /** The member who answered, or null. */
        String answeredBy;
        /** The number the current step rings through a trunk, or null. */
        String numberRinging;
        /** How many groups the call has entered, this one included (a group may end in another). */
        final int entered;
        /** A queue's free agents rung at once (CallControl.ring of several users): no group of anyone's. */
        final boolean agents;

        Hunt(HuntPlan plan, int entered, boolean agents) {
            this.plan = plan;
            this.entered = entered;
            this.agents = agents;
        }
    }

    /** Each forward of the call, in order, followed or not (the record's chain). */
    final List<CallForward.Hop> forwards = new ArrayList<>();
    int bestFailure;
    String bestReason;

    /** One more branch of a forked call. */
    static final class Fork {
        final Call call;
        final SipProvider provider;
        final ClientTransaction ct;
        final Dialog dialog;
        final String callId;
        public final String target;
        /** The user whose phone this branch rings. */
        final String member;
        boolean done;

        Fork(Call call, SipProvider provider, ClientTransaction ct, Dialog dialog, String callId, String target,
                String member) {
            this.member = member;
            this.call = call;
            this.provider = provider;
            this.ct = ct;
            this.dialog = dialog;
            this.callId = callId;
            this.target = target;
        }
    }

    /** Keeps the failure the caller should hear when every branch failed (RFC 3261 16.7: 6xx, then busy, then the first). */
    void failed(int status, String reason) {
        if (CallOutcomes.better(status, bestFailure)) {
            bestFailure = status;
            bestReason = reason;
        }
    }
    boolean bAcked;
    long bAnswerCseq;
    ScheduledFuture<?> ringTimer;
    /** RFC 4028 refreshes of a call whose media does not pass the relay, or null. */
    ScheduledFuture<?> sessionTimer;
    boolean aTakesUpdate;
    boolean bTakesUpdate;

    Call(String id, Request aInvite, ServerTransaction aTx, SipProvider aProvider, Dialog aDialog, String aTag,
            String caller, String callerName, String callee) {
        this.id = id;
        this.aInvite = aInvite;
        this.aTx = aTx;
        this.aProvider = aProvider;
        this.aDialog = aDialog;
        this.aTag = aTag;
        this.caller = caller;
        this.callerName = callerName;
        this.callee = callee;
        this.lateOffer = aInvite.getRawContent() == null || aInvite.getRawContent().length == 0;
    }

    /** @return whether the call was made to a sips: address: every hop of it over TLS (RFC 5630) */
    boolean sips() {
        return aInvite.getRequestURI() instanceof SipURI uri && uri.isSecure();
    }

    public String aCallId() {
        return ((CallIdHeader) aInvite.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** @return true if this call leg is leg A */
    boolean isA(Dialog d) {
        return d == aDialog;
    }

    /** @return the number sent to the trunk after the route's rewriting, or null when the call takes no trunk */
    /** @return a tag the call's record will carry, or null */
    public String tag(String name) {
        return serviceTags.get(name);
    }

    /** @return whether the switch placed the call (click-to-call) */
    /** @return whether leg A was answered before leg B (a click-to-call, a redirect): it is sent no answer */
    boolean switchAnswered() {
        return originated || redirected;
    }

    public boolean originated() {
        return originated;
    }

    /** @return the caller's name, the contact directory's or as sent; or null */
    public String callerName() {
        return callerName;
    }

    /** @return the caller's company and link from the contact directory, or null */
    public String callerCompany() {
        return callerCompany;
    }

    public String callerLink() {
        return callerLink;
    }

    public String sent() {
        return send;
    }

    void ends(SrtpPolicy.End a, SrtpPolicy.End b) {
        this.endA = a;
        this.endB = b;
    }

    @Override
    public Map<String, Object> eventProperties() {
        return CallEventProperties.of(this);
    }
}
