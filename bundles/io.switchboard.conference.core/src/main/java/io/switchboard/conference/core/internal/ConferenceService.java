package io.switchboard.conference.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.conference.api.Conferences;
import io.switchboard.conference.api.Participant;
import io.switchboard.conference.api.Room;
import io.switchboard.conference.api.Session;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.store.api.Store;

/**
 * The conference rooms: kept in the database (read again every 10 s, so that every server knows
 * them), each reachable as a call target named by its number; the bridges of the rooms with people
 * in them, on the server that took their calls. Settings {@value ConferenceSettings#PID}.
 */
@Component(service = { Conferences.class, ConferenceService.class }, configurationPid = ConferenceSettings.PID)
@Designate(ocd = ConferenceSettings.class)
public class ConferenceService implements Conferences, Invites.Outcome {

    private static final Logger LOG = System.getLogger(ConferenceService.class.getName());

    private final ConferenceSettings settings;
    private final RoomDirectory rooms;
    private final Sessions sessions;
    private final Invites invites;
    private final PhoneEngine engine;
    private final UserService users;
    private final BundleContext context;
    private final Prompts prompts = new Prompts();
    private final Map<String, Bridge> bridges = new ConcurrentHashMap<>();
    private final Map<String, Member> byCall = new ConcurrentHashMap<>();
    private final Map<String, MediaLeg> legs = new ConcurrentHashMap<>();
    private final Map<String, PinEntry> entering = new ConcurrentHashMap<>();
    private final PinGuard pins;
    final SilentMembers silent;
    /** Reads the rooms again and ends calls: off the SIP and audio threads. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("switchboard-conference").daemon().factory());
    private final RoomNews news = new RoomNews(() -> this.events, () -> this.subscriptions, worker);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallControl calls;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RoutingService routing;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Subscriptions subscriptions;

    @Activate
    public ConferenceService(ConferenceSettings settings, @Reference Store store, @Reference PhoneEngine engine,
            @Reference UserService users, BundleContext context) {
        RoomRules.check(settings);
        this.pins = new PinGuard(PinGuard.Limits.of(settings));
        this.silent = new SilentMembers(settings.mediaTimeoutSeconds(), System::nanoTime, () -> calls);
        this.settings = settings;
        this.engine = engine;
        this.users = users;
        this.context = context;
        store.migrate(context.getBundle(), "db/io.switchboard.conference.core.changelog.xml");
        this.rooms = new RoomDirectory(new RoomTable(store.dataSource()), context, n -> new RoomTarget(this, n),
                (number, room) -> {
                    Bridge b = bridges.get(number);
                    if (b != null) {
                        b.room(room);
                    }
                }, number -> {
                    Bridge b = bridges.get(number);
                    if (b != null) {
                        b.members.forEach(m -> hangUp(m.callId));
                    }
                });
        this.sessions = new Sessions(new SessionTable(store.dataSource()), Path.of(String.valueOf(context.getProperty(
                "switchboard.data")), "conference"), worker, () -> calls);
        String port = context.getProperty("switchboard.sip.port");
        this.invites = new Invites(engine, users, settings, port == null ? 5060 : Integer.parseInt(port), this);
        rooms.sync();
        worker.scheduleWithFixedDelay(rooms::sync, 10, 10, TimeUnit.SECONDS);
        worker.scheduleWithFixedDelay(() -> bridges.values().forEach(Bridge::followTalker), 200, 200,
                TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(() -> silent.check(this::stats, invites::held, this::hangUp), 1, 1,
                TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
        rooms.close();
        legs.values().forEach(MediaLeg::close);
        invites.close();
        bridges.values().forEach(b -> {
            b.video.close();
            sessions.closed(b);
        });
    }

    @Override
    public List<Room> rooms() {
        return rooms.all();
    }

    @Override
    public Optional<Room> room(String number) {
        return Optional.ofNullable(rooms.row(number)).map(RoomTable.Row::room);
    }

    @Override
    public void save(Room room) {
        RoomCheck.check(room, users);
        rooms.table().save(room);
        rooms.sync();
    }

    @Override
    public boolean delete(String number) {
        boolean had = rooms.table().delete(number);
        rooms.sync();
        return had;
    }

    @Override
    public List<Participant> participants(String number) {
        Bridge b = bridges.get(number);
        return b == null ? List.of() : b.members.stream().map(m -> m.participant(stats(m.callId))).toList();
    }

    /**
     * @return whether the user is in the room now, having entered its PIN (or been called by it): who
     *         may watch a PIN room's roster, besides the roster watchers
     */
    boolean entered(String number, String user) {
        Bridge b = bridges.get(number);
        return b != null && user != null && b.members.stream().anyMatch(m -> m.in && user.equals(m.invited ? m.caller
                : m.user));
    }

    /** @return the users who may watch every room's roster (operators' consoles) */
    List<String> rosterWatchers() {
        return RoomRules.rosterWatchers(settings);
    }

    /** @return the counts of wrong PINs and their lockouts */
    PinGuard pins() {
        return pins;
    }

    /** @return the figures of a participant's audio, who called in or was called, or null */
    private CallStats stats(String callId) {
        MediaLeg leg = legs.get(callId);
        return leg != null ? leg.stats() : invites.stats(callId);
    }

    @Override
    public boolean mute(String callId, boolean muted) {
        Member m = byCall.get(callId);
        if (m == null) {
            return false;
        }
        m.muted = muted;
        news.rosterChanged(m.number());
        return true;
    }

    @Override
    public boolean remove(String callId) {
        if (!byCall.containsKey(callId)) {
            return false;
        }
        hangUp(callId);
        return true;
    }

    @Override
    public boolean lock(String number, boolean locked) {
        boolean had = rooms.table().lock(number, locked);
        rooms.sync();
        return had;
    }

    @Override
    public boolean locked(String number) {
        RoomTable.Row row = rooms.row(number);
        return row != null && row.locked();
    }

    @Override
    public String invite(String number, String target) {
        Room room = RoomRules.invitable(rooms.row(number), number, target, routing);
        synchronized (invites) {
            Bridge existing = bridges.get(number);
            int limit = RoomRules.limit(room, settings);
            if (existing != null && existing.size() >= limit) {
                throw new IllegalArgumentException("Room " + number + " is full (" + limit + ")");
            }
            Invites.Audio audio = new Invites.Audio();
            String callId = invites.dial(room, target.trim(), audio);
            Bridge bridge = bridges.computeIfAbsent(number, n -> sessions.open(room, () -> news.rosterChanged(n)));
            Member m = new Member(bridge, callId, target.trim(), null, true);
            audio.member = m;
            byCall.put(callId, m);
            bridge.add(m);
            LOG.log(Level.INFO, "Room " + number + " calls " + target + " (call " + callId + ")");
            return callId;
        }
    }

    @Override
    public void answered(String callId) {
        synchronized (invites) {
            Member m = byCall.get(callId);
            if (m != null && !m.in) {
                silent.called(callId);
                admit(m, false);
            }
        }
    }

    @Override
    public void ended(String callId, int status) {
        Member m;
        synchronized (invites) {
            m = byCall.get(callId);
        }
        if (m != null && !m.in && status != 200) {
            news.post(INVITE_FAILED, Map.of("room", m.number(), "target", m.caller, "status", status));
            LOG.log(Level.INFO, "Room " + m.number() + " could not reach " + m.caller + ": " + status);
        }
        left(callId);
    }

    @Override
    public void digit(String callId, int digit) {
        Member m = byCall.get(callId);
        if (m != null) {
            digit(m, digit);
        }
    }

    @Override
    public List<Session> sessions(String number, int limit) {
        return sessions.latest(number, limit);
    }

    /** A call to a room's number: answered with the bridge's audio, the caller asked for the PIN first. */
    TargetAnswer join(String number, TargetCall call) {
        RoomTable.Row row = rooms.row(number);
        if (row == null) {
            return TargetAnswer.refuse(404, "No room " + number);
        }
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "A conference needs an SDP offer");
        }
        if (row.locked()) {
            return TargetAnswer.refuse(403, "Room " + number + " is locked");
        }
        Room room = row.room();
        PinGuard.Caller source = PinGuard.caller(call);
        String pinClosed = PinEntry.needed(room) ? pins.closed(number, source, Instant.now()) : null;
        if (pinClosed != null) {
            return TargetAnswer.refuse(403, pinClosed);
        }
        Bridge bridge = bridges.computeIfAbsent(number, n -> sessions.open(room, () -> news.rosterChanged(n)));
        int limit = RoomRules.limit(room, settings);
        if (bridge.size() >= limit) {
            return TargetAnswer.refuse(486, "Room " + number + " is full (" + limit + ")");
        }
        Member m = new Member(bridge, call.callId(), call.caller(), call.callerName());
        m.user = call.trunk() == null ? call.caller() : null;
        String host = settings.address().isBlank() ? engine.hostFor(call.sdpOffer()) : settings.address().trim();
        MediaLeg leg;
        try {
            leg = engine.answer(call.sdpOffer(), host, call.source(), m, m, digit -> digit(m, digit), number);
        } catch (PhoneException | UncheckedIOException e) {
            return TargetAnswer.refuse(488, "The bridge cannot take this call: " + e.getMessage());
        }
        String answer = leg.sdpAnswer() + VideoLeg.answerFor(m, call.sdpOffer(), host);
        legs.put(call.callId(), leg);
        silent.joined(call.callId(), call.sdpOffer());
        byCall.put(call.callId(), m);
        bridge.add(m);
        if (PinEntry.needed(room)) {
            entering.put(call.callId(), new PinEntry(source));
            m.prompt(prompts.pin);
        } else {
            admit(m, false);
        }
        LOG.log(Level.INFO, call.caller() + " calls room " + number + " (call " + call.callId() + ")");
        return TargetAnswer.focus(answer);
    }

    /** A key the caller pressed: the PIN while entering, then 1 to mute or unmute themselves. */
    private void digit(Member m, int digit) {
        PinEntry entry = entering.get(m.callId);
        if (entry == null) {
            if (digit == '1' && m.in) {
                m.muted = !m.muted;
                news.rosterChanged(m.number());
            }
            return;
        }
        Bridge bridge = bridges.get(m.number());
        switch (pins.judge(m.number(), entry.caller, entry.digit(digit, bridge.room()), Instant.now())) {
            case PARTICIPANT -> admit(m, false);
            case MODERATOR -> admit(m, true);
            case WRONG -> m.prompt(prompts.wrong);
            case REFUSED -> hangUp(m.callId);
            case TYPING -> {
                // more digits to come
            }
        }
    }

    private void admit(Member m, boolean moderator) {
        entering.remove(m.callId);
        m.moderator = moderator;
        Bridge bridge = bridges.get(m.number());
        bridge.enter(m);
        if (bridge.waiting(m)) {
            m.prompt(prompts.waiting);
        }
        sessions.joined(bridge, m);
        news.member(JOINED, m);
    }

    /** The caller's call ended (it hung up, was removed, or the room went). */
    void left(String callId) {
        entering.remove(callId);
        silent.left(callId);
        MediaLeg leg = legs.remove(callId);
        if (leg != null) {
            leg.close();
        }
        invites.hangUp(callId);
        Member m = byCall.remove(callId);
        if (m == null) {
            return;
        }
        if (m.video != null) {
            m.video.close(); // the bridge forgets it below; its sockets go now whatever happens
        }
        Bridge bridge = bridges.get(m.number());
        if (bridge != null) {
            bridge.leave(m);
            bridges.computeIfPresent(m.number(), (n, b) -> {
                if (b.size() > 0) {
                    return b;
                }
                invites.closed(n);
                worker.execute(() -> sessions.closed(b));
                return null;
            });
        }
        if (m.joined != null) {
            news.member(LEFT, m);
        }
    }

    private void hangUp(String callId) {
        worker.execute(() -> {
            CallControl c = calls;
            if (c == null || !c.hangUp(callId)) {
                left(callId);
            }
        });
    }
}
