package io.switchboard.parking.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.media.audio.Clip;
import io.switchboard.music.api.MusicClasses;
import io.switchboard.parking.api.ParkedCall;
import io.switchboard.parking.api.ParkingLot;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * The parking slots of this server. A parked caller waits on the phone engine with the hold music, anchored on the
 * relay; whoever dials the slot is answered on the engine too and the two legs hear each other there. A call
 * parked too long rings the phones of whoever parked it, then goes on to the fallback. Decisions are made under
 * this object's lock; the switch is called outside it, from the lot's own thread when the switch is not the caller.
 */
@Component(service = { Lot.class, ParkingLot.class }, configurationPid = ParkingSettings.PID)
@Designate(ocd = ParkingSettings.class)
public class Lot implements ParkingLot {

    private static final Logger LOG = System.getLogger(Lot.class.getName());
    /** What a mailbox is called as a destination of the switch. */
    static final String MAILBOX = "voicemail:";
    /** The rate parked callers' music is made at: a phone's narrowband. */
    private static final int MUSIC_RATE = 8000;

    private final PhoneEngine engine;
    private final CallControl calls;
    private final ParkNews news;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-parking");
        t.setDaemon(true);
        return t;
    });
    private volatile ParkingSettings settings;
    private final Map<String, Parked> bySlot = new HashMap<>();
    /** Parked, returning and retrieved calls, by the parked call's id and by the id of the call that took it. */
    private final Map<String, Parked> byCall = new HashMap<>();
    /** The admin's music classes; without them the built-in music plays. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MusicClasses musicClasses;

    @Activate
    public Lot(@Reference PhoneEngine engine, @Reference CallControl calls, @Reference ParkNews news,
            ParkingSettings settings) {
        this.engine = engine;
        this.calls = calls;
        this.news = news;
        this.settings = settings;
    }

    @Modified
    void modified(ParkingSettings changed) {
        settings = changed;
    }

    @Deactivate
    void stop() {
        List<Parked> left;
        synchronized (this) {
            left = new ArrayList<>(byCall.values());
            byCall.clear();
            bySlot.clear();
        }
        thread.shutdownNow();
        for (Parked p : left) {
            p.leg.close();
            calls.hangUp(p.callId);
        }
    }

    /** @return the slots' numbers under these settings, in order */
    static List<String> slots(ParkingSettings s) {
        return IntStream.range(0, s.slots()).mapToObj(i -> String.valueOf(s.firstSlot() + i)).toList();
    }

    @Override
    public String parkNumber() {
        return settings.parkNumber();
    }

    @Override
    public List<String> slots() {
        return slots(settings);
    }

    @Override
    public synchronized List<ParkedCall> parked() {
        return byCall.values().stream().distinct().filter(p -> p.partner == null).map(Parked::view)
                .sorted(Comparator.comparing(ParkedCall::slot)).toList();
    }

    /** A call for the park number or a slot: parked in the first free slot or that one, or joined to its caller. */
    TargetAnswer offer(TargetCall call, String name) {
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "Parking needs an SDP offer");
        }
        if (call.trunk() != null && call.referredBy() == null) {
            return TargetAnswer.refuse(403, "Only the switch's users park and take parked calls");
        }
        ParkingSettings s = settings;
        try {
            Parked taken;
            Parked parked;
            MediaLeg leg;
            synchronized (this) {
                taken = name.equals(s.parkNumber()) ? null : bySlot.get(name);
                if (taken != null && call.referredBy() != null) {
                    return TargetAnswer.refuse(486, "Slot " + name + " is taken");
                }
                if (taken == null) {
                    String slot = name.equals(s.parkNumber()) ? slots(s).stream()
                            .filter(n -> !bySlot.containsKey(n)).findFirst().orElse(null) : name;
                    if (slot == null) {
                        return TargetAnswer.refuse(486, "Every parking slot is taken");
                    }
                    if (!name.equals(s.parkNumber()) && call.referredBy() == null) {
                        return TargetAnswer.refuse(404, "Nothing is parked on " + name);
                    }
                    parked = park(call, slot, s);
                    leg = parked.leg;
                } else {
                    leg = retrieve(call, taken);
                    parked = null;
                }
            }
            if (parked != null) {
                calls.tag(call.callId(), "parked", parked.slot);
                calls.tag(call.callId(), "parkOutcome", "abandoned"); // until someone takes it or it returns
                if (parked.parkedBy != null) {
                    calls.tag(call.callId(), "parkedBy", parked.parkedBy);
                }
                news.parked(parked);
                LOG.log(Level.INFO, parked.who() + " parked on " + parked.slot + " (call " + call.callId() + ")");
            } else {
                calls.tag(taken.callId, "parkOutcome", "retrieved");
                calls.tag(taken.callId, "parkRetrievedBy", call.caller());
                calls.tag(call.callId(), "parkRetrieved", taken.slot);
                news.left(taken, "retrieved", call.caller());
                LOG.log(Level.INFO, call.caller() + " took " + taken.who() + " from slot " + taken.slot);
            }
            return TargetAnswer.answer(leg.sdpAnswer());
        } catch (PhoneException | UncheckedIOException e) {
            return TargetAnswer.refuse(488, "Parking cannot take this call: " + e.getMessage());
        }
    }

    /** Holds the lock. */
    private Parked park(TargetCall call, String slot, ParkingSettings s) throws PhoneException {
        String group = "park-" + call.callId();
        MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), call.source(),
                new Music(() -> music(settings)), null, key -> { }, group);
        Instant now = clock.instant();
        Parked p = new Parked(slot, call.callId(), call.caller(), call.callerName(), call.referredBy(), now,
                now.plusSeconds(s.parkSeconds()), leg, group);
        bySlot.put(slot, p);
        byCall.put(p.callId, p);
        p.timeout = thread.schedule(() -> timedOut(p), s.parkSeconds(), TimeUnit.SECONDS);
        return p;
    }

    /** @return the lot's music class at the parked legs' rate; the built-in music without the classes */
    private Clip music(ParkingSettings s) {
        MusicClasses classes = musicClasses;
        return classes == null ? Clip.music(MUSIC_RATE) : classes.music(s.music(), MUSIC_RATE);
    }

    /** The caller of the slot hears the parked caller and is heard, both legs on the engine's same tick. */
    private MediaLeg retrieve(TargetCall call, Parked p) throws PhoneException {
        Pipe fromParked = new Pipe();
        Pipe fromTaker = new Pipe();
        MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), call.source(), fromParked,
                fromTaker, key -> { }, p.group);
        p.leg.audio(fromTaker, fromParked);
        bySlot.remove(p.slot);
        p.timeout.cancel(false);
        p.partner = call.callId();
        p.partnerLeg = leg;
        byCall.put(p.partner, p);
        return leg;
    }

    /** The switch's end of a call of the lot: whoever hung up, the other side of a taken call goes too. */
    void ended(String callId, boolean byCaller) {
        Parked p;
        synchronized (this) {
            p = byCall.remove(callId);
            if (p == null) {
                return;
            }
            byCall.remove(p.callId);
            if (p.partner != null) {
                byCall.remove(p.partner);
            }
            bySlot.remove(p.slot, p);
            p.timeout.cancel(false);
        }
        p.leg.close();
        if (p.partnerLeg != null) {
            p.partnerLeg.close();
            String other = callId.equals(p.callId) ? p.partner : p.callId;
            thread.execute(() -> calls.hangUp(other));
        } else if (p.state == ParkedCall.State.PARKED) {
            news.left(p, "abandoned", null);
            LOG.log(Level.INFO, p.who() + " hung up on slot " + p.slot);
        }
    }

    /** Parked too long: the slot is free again and the call rings whoever parked it, or goes to the fallback. */
    private void timedOut(Parked p) {
        synchronized (this) {
            if (bySlot.get(p.slot) != p) {
                return;
            }
            bySlot.remove(p.slot);
            p.state = ParkedCall.State.RETURNING;
        }
        calls.tag(p.callId, "parkOutcome", "returned");
        news.left(p, "returned", null);
        String refused = p.parkedBy == null ? "nobody parked it"
                : calls.ring(p.callId, p.parkedBy, settings.returnSeconds());
        LOG.log(Level.INFO, p.who() + " was parked on " + p.slot + " too long: "
                + (refused == null ? "back to " + p.parkedBy : refused));
        if (refused != null) {
            fallBack(p);
        }
    }

    /** Nobody answered the return: the lot takes the caller back for the fallback, once. */
    boolean returned(String callId) {
        Parked p;
        synchronized (this) {
            p = byCall.get(callId);
            if (p == null || p.state != ParkedCall.State.RETURNING || p.fellBack) {
                return false;
            }
            p.fellBack = true;
        }
        thread.execute(() -> fallBack(p));
        return true;
    }

    private void fallBack(Parked p) {
        synchronized (this) {
            p.fellBack = true;
        }
        String fallback = settings.fallback().strip();
        String to = !fallback.isEmpty() ? fallback : p.parkedBy == null ? null : MAILBOX + p.parkedBy;
        String refused = to == null ? "no fallback is set and nobody parked it" : calls.redirect(p.callId, to);
        if (refused != null) {
            LOG.log(Level.INFO, "Call " + p.callId + " back from slot " + p.slot + " ends: " + refused);
            calls.hangUp(p.callId);
        } else {
            LOG.log(Level.INFO, "Call " + p.callId + " back from slot " + p.slot + " goes to " + to);
        }
    }
}
