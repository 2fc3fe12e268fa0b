package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.media.api.MediaEvents;
import io.switchboard.media.api.MediaException;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.RelayStatus;
import io.switchboard.music.api.MusicClasses;

/**
 * The in-process RTP/RTCP relay: sessions get two port pairs from the range and are spread over
 * the relay threads. Settings {@value RelaySettings#PID}, checked when they arrive.
 */
@Component(service = MediaRelay.class, configurationPid = RelaySettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RelaySettings.Config.class)
public class RtpRelay implements MediaRelay {

    private static final Logger LOG = System.getLogger(RtpRelay.class.getName());

    private final RelaySettings settings;
    private final Path recordings;
    private final PortPool ports;
    /** Null when the settings say off. */
    private final HoldMusic music;
    private final List<RelayLoop> loops = new ArrayList<>();
    private final Map<String, RtpSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicLong timeouts = new AtomicLong();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-media-timeouts");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;
    /** The admin's music classes: a held leg hears the setting's class; without them the setting's samples. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MusicClasses musicClasses;

    @Activate
    public RtpRelay(RelaySettings.Config config, BundleContext context, @Reference LocalDatagrams local)
            throws IOException {
        this(RelaySettings.of(config), RecordingAttachment.folder(context), local);
    }

    /** @param recordings the folder recordings go into (made on the first one) */
    RtpRelay(RelaySettings settings, Path recordings) throws IOException {
        this(settings, recordings, null);
    }

    /** @param local the server's in-process path to the phone engine's sockets, or null */
    RtpRelay(RelaySettings settings, Path recordings, LocalDatagrams local) throws IOException {
        this.settings = settings;
        this.recordings = recordings;
        this.ports = new PortPool(settings.bind(), settings.portMin(), settings.portMax());
        this.music = settings.holdMusic() == null ? null : new HoldMusic(this::holdMusic);
        for (int i = 0; i < settings.threads(); i++) {
            RelayLoop loop = new RelayLoop("switchboard-media-" + i, settings.timeoutSeconds() * 1_000_000_000L,
                    local);
            loops.add(loop);
            loop.start();
        }
        LOG.log(Level.INFO, "Media relay on ports " + settings.portMin() + "-" + settings.portMax() + " of "
                + settings.bind().getHostAddress() + ", " + settings.threads() + " thread(s)");
    }

    /**
     * @param holder the switch's user who holds the call, or null
     * @return what a leg put on hold now hears: the holder's music class, else the setting's, as its pieces are
     *         now; without the classes the setting's fixed samples
     */
    private short[] holdMusic(String holder) {
        MusicClasses classes = musicClasses;
        try {
            String chosen = classes == null || holder == null ? null : classes.classOf(holder);
            // a user's class that lost its pieces since it was chosen: the setting's, as for everyone else
            boolean playable = chosen != null && (chosen.equals(MusicClasses.DEFAULT) || classes.exists(chosen));
            String className = playable ? chosen : settings.holdClass();
            if (classes != null && className != null) {
                short[] samples = classes.music(className, MusicSource.RATE).samples();
                if (samples.length >= HoldMusic.SAMPLES) {
                    return samples;
                }
            }
        } catch (RuntimeException e) { // the classes going away as the hold comes: the hold still gets music
            LOG.log(Level.DEBUG, "Hold music from the music classes failed; the setting's plays: " + e);
        }
        return settings.holdMusic();
    }

    @Deactivate
    void stop() {
        new ArrayList<>(sessions.values()).forEach(RtpSession::close);
        loops.forEach(RelayLoop::stop);
        notifier.shutdownNow();
        if (music != null) {
            music.close();
        }
    }

    @Override
    public MediaSession open(String callId, MediaSession.Listener listener) throws MediaException {
        PortPool.Pair a = ports.take();
        PortPool.Pair b;
        try {
            b = ports.take();
        } catch (MediaException e) {
            ports.give(a);
            throw e;
        }
        RelayLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        RtpSession session = new RtpSession(callId, listener, this, loop, a, b);
        RtpSession before = sessions.put(callId, session);
        if (before != null) {
            before.close();
        }
        loop.add(session);
        return session;
    }

    @Override
    public Optional<MediaSession> session(String callId) {
        return Optional.ofNullable(sessions.get(callId));
    }

    @Override
    public Collection<MediaSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public RelayStatus status() {
        long in = 0;
        long out = 0;
        long strangers = 0;
        long unsent = 0;
        double rate = 0;
        for (RelayLoop loop : loops) {
            RelayLoop.Counters c = loop.counters();
            in += c.in;
            out += c.out;
            strangers += c.strangers;
            unsent += c.unsent;
            rate += loop.packetsPerSecond();
        }
        return new RelayStatus(sessions.size(), ports.portsInUse(), ports.portsTotal(), in, out, rate, strangers,
                unsent, timeouts.get());
    }

    /** @return the address SDP names for the relay, to a leg at {@code reader} (null: unknown yet) */
    InetAddress advertised(InetAddress reader) {
        return settings.advertised(reader);
    }

    /** @return what plays to held legs, or null for nothing */
    HoldMusic music() {
        return music;
    }

    long latchNanos() {
        return settings.latchSeconds() * 1_000_000_000L;
    }

    /** @return the recordings folder, made (for the server's user only) if it is not there yet */
    Path recordings() throws IOException {
        if (!Files.isDirectory(recordings)) {
            Files.createDirectories(recordings);
            if (recordings.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(recordings, PosixFilePermissions.fromString("rwx------"));
            }
        }
        return recordings;
    }

    PortPool ports() {
        return ports;
    }

    void closed(RtpSession session) {
        sessions.remove(session.callId(), session);
    }

    /** From a relay thread: tells the switch on another thread, so that SIP work never holds up media. */
    void timedOut(RtpSession session, MediaSession.Listener listener, Leg leg) {
        timeouts.incrementAndGet();
        int seconds = settings.timeoutSeconds();
        LOG.log(Level.INFO, "No RTP from leg " + leg + " of call " + session.callId() + " for " + seconds + " s");
        notifier.execute(() -> {
            if (listener != null) {
                listener.timedOut(leg, seconds);
            }
            EventAdmin admin = events;
            if (admin != null) {
                admin.postEvent(new Event(MediaEvents.TOPIC_TIMEOUT, Map.of(MediaEvents.CALL_ID, session.callId(),
                        MediaEvents.LEG, leg.name(), MediaEvents.SECONDS, seconds)));
            }
        });
    }
}
