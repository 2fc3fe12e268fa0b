package io.switchboard.paging.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.switchboard.paging.api.PageGroup;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.sip.api.CallControl;

/**
 * One page: the caller's call, answered by the phone engine, and a call to each member's phones asking them to
 * answer on their own. Phones that do not answer within the wait are passed by; the page ends when its caller
 * hangs up, or when no member's phone is left.
 */
final class Page implements PhoneListener {

    private static final Logger LOG = System.getLogger(Page.class.getName());
    /** The longest value a record's tag takes. */
    private static final int MAX_TAG = 200;

    private final String callId;
    private final PageGroup group;
    private final CallControl calls;
    private final Runnable renewAccount;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final PagerAudio audio;
    /** The members' calls by their SIP Call-ID, to the member each calls. */
    private final Map<String, String> members = new ConcurrentHashMap<>();
    private final Map<String, PhoneCall> memberCalls = new ConcurrentHashMap<>();
    private final Set<String> answered = new TreeSet<>();
    private volatile boolean ended;
    private volatile Phone phone;
    private volatile MediaLeg leg;
    private volatile ScheduledFuture<?> wait;
    private volatile ScheduledExecutorService timers;

    /**
     * @param callId the switch's id of the caller's call
     * @param renewAccount what to do when the switch refuses the pages' account
     */
    Page(String callId, PageGroup group, CallControl calls, boolean chime, Runnable renewAccount) {
        this.callId = callId;
        this.group = group;
        this.calls = calls;
        this.renewAccount = renewAccount;
        this.audio = new PagerAudio(lanes.values(), group.duplex(), chime, this::callerHeard);
    }

    /** @return whether the caller's audio reached the page: the relay carries it both ways */
    private boolean callerHeard() {
        MediaLeg l = leg;
        return l != null && l.stats().packetsReceived() > 0;
    }

    PagerAudio audio() {
        return audio;
    }

    /** Calls every member's phones; those that have not answered when the wait is over are passed by. */
    synchronized void start(Phone pagePhone, MediaLeg callerLeg, String switchHost, ScheduledExecutorService timers,
            int answerSeconds) {
        this.phone = pagePhone;
        this.leg = callerLeg;
        this.timers = timers;
        if (ended) {
            end(); // the caller hung up while the page's phone was opened
            return;
        }
        Map<String, String> autoAnswer = Map.of("Call-Info", "<sip:" + switchHost + ">;answer-after=0");
        for (String member : group.members()) {
            Lane lane = new Lane();
            lanes.put(member, lane);
            PhoneCall c = pagePhone.dial(member, autoAnswer, !group.duplex(), lane, lane);
            members.put(c.id(), member);
            memberCalls.put(c.id(), c);
        }
        wait = timers.schedule(this::waitOver, answerSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void stateChanged(PhoneCall call, CallState state) {
        String member = members.get(call.id());
        if (member == null || ended) {
            return;
        }
        if (state == CallState.CONNECTED) {
            synchronized (answered) {
                answered.add(member);
                String paged = String.join(",", answered);
                if (paged.length() > MAX_TAG) {
                    paged = paged.substring(0, MAX_TAG - 5) + ",...";
                }
                // the record names the phones that took the page: tagged under the lock, or two answers on two
                // threads may tag in the wrong order and the shorter list stay
                calls.tag(callId, "paged", paged);
            }
            audio.chime();
            calls.tag(call.id(), "page", group.name());
        } else if (state == CallState.ENDED) {
            lanes.remove(member);
            memberCalls.remove(call.id());
            int failure = call.failureCode();
            if (failure == 401 || failure == 407) {
                LOG.log(Level.WARNING, "The switch refused the pages' account (" + failure + "): its password is set"
                        + " anew (another server may have set its own)");
                renewAccount.run();
            }
            if (memberCalls.isEmpty()) {
                LOG.log(Level.INFO, "Page " + group.name() + " (call " + callId + ") has no phone left: it ends");
                calls.hangUp(callId);
            }
        }
    }

    /** The wait for phones to answer is over: those still ringing are passed by. */
    private void waitOver() {
        boolean anyone = false;
        for (PhoneCall c : List.copyOf(memberCalls.values())) {
            if (c.state() == CallState.CONNECTED || c.state() == CallState.HELD) {
                anyone = true;
            } else if (c.state() != CallState.ENDED) {
                c.hangup();
            }
        }
        if (!anyone && !ended) {
            LOG.log(Level.INFO, "Page " + group.name() + " (call " + callId + "): no phone answered; it ends");
            calls.hangUp(callId);
        }
    }

    /** The caller hung up (or the switch ended the call): every member's call ends with it. */
    synchronized void end() {
        ended = true;
        ScheduledFuture<?> w = wait;
        if (w != null) {
            w.cancel(false);
        }
        for (PhoneCall c : List.copyOf(memberCalls.values())) {
            if (c.state() != CallState.ENDED) {
                c.hangup();
            }
        }
        Phone p = phone;
        ScheduledExecutorService t = timers;
        if (p != null && t != null) {
            t.schedule(p::close, 5, TimeUnit.SECONDS); // once the BYEs are answered
        }
        MediaLeg l = leg;
        if (l != null) {
            l.close();
        }
        LOG.log(Level.INFO, "Page " + group.name() + " (call " + callId + ") ended; answered by " + answered());
    }

    List<String> answered() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }
}
