package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaException;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.Recording;
import io.switchboard.media.api.StreamStats;
import io.switchboard.media.audio.Codec;
import io.switchboard.media.audio.StreamMeter;

/**
 * One call's media through the relay: a {@link RelayStream} for each media line of its SDP (the
 * audio, a video), each with an RTP and an RTCP socket facing each leg. What a leg sends is
 * measured, then sent on unchanged out of the other leg's socket (the relay never transcodes). The
 * call's quality, media timeout and recording are its first audio stream's. Packets are handled on
 * the relay thread of its {@link RelayLoop}; the SIP threads rewrite SDP and add streams.
 */
final class RtpSession implements MediaSession {

    private static final System.Logger LOG = System.getLogger(RtpSession.class.getName());
    private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
    /** compiled once: each offer and answer checks two or three addresses */
    private static final Pattern IPV4_ADDRESS = Pattern.compile(IPV4);
    private static final Pattern IPV6_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final String callId;
    private final Listener listener;
    private final RtpRelay relay;
    final RelayLoop loop;
    /** The port pairs taken when the session opened, for its first stream; null once used or given back. */
    private PortPool.Pair[] spare;
    /** By media line; read by the relay thread, replaced (never changed) by SIP threads under the session's lock. */
    private volatile RelayStream[] streams = new RelayStream[0];
    /** The codecs of the first audio stream's payload types, known before it is (a recording starts with the offer). */
    private final Codec[] audioTypes = new Codec[128];
    /** The first audio stream: the call's quality, timeout and recording. */
    private volatile RelayStream main;
    private final InetAddress[] signalledHost = new InetAddress[2];
    /** Where each leg's SIP comes from, for streams made later. */
    private final InetAddress[] sipHosts = new InetAddress[2];
    /** When the call was answered (System.nanoTime), 0 before: written by a SIP thread, read by the relay's. */
    private volatile long answeredAt;
    /** SRTP on either leg of the audio: there is nothing to record. */
    private volatile boolean encrypted;
    /** Set by a SIP thread, read by the relay thread for each packet. */
    private volatile Recorder recorder;
    private Optional<Recording> recording = Optional.empty();
    private volatile boolean closed;
    private final SessionMusic music;
    private boolean timedOut;

    RtpSession(String callId, Listener listener, RtpRelay relay, RelayLoop loop, PortPool.Pair a, PortPool.Pair b) {
        this.callId = callId;
        this.listener = listener;
        this.relay = relay;
        this.loop = loop;
        this.spare = new PortPool.Pair[] { a, b };
        this.music = new SessionMusic(callId);
    }

    /** @return every socket of every stream */
    Endpoint[] endpoints() {
        return Arrays.stream(streams).filter(Objects::nonNull).flatMap(t -> Arrays
                .stream(t.all)).toArray(Endpoint[]::new);
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public void user(Leg leg, String user) {
        music.user(leg, user);
    }

    @Override
    public byte[] offerFirst(Leg to, byte[] sdp) throws MediaException {
        byte[] described = rewrite(to.other(), sdp); // the other leg has no address yet: it is sent nothing
        InetAddress relayHost = relay.advertised(signalledHost[to.ordinal()]);
        String connection = "c=IN " + (relayHost instanceof Inet6Address ? "IP6 " : "IP4 ")
                + relayHost.getHostAddress();
        return new String(described, StandardCharsets.UTF_8)
                .replaceAll("(?m)^c=IN IP[46] 0\\.0\\.0\\.0(?=\r?$)", connection)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] rewrite(Leg from, byte[] sdp) throws MediaException {
        Leg to = from.other();
        int side = from.ordinal();
        // the address the reading leg can reach: loopback for a phone on this host, else the advertised one
        InetAddress reader = signalledHost[to.ordinal()];
        SdpRewriter.Rewritten r = SdpRewriter.rewrite(sdp, relay.advertised(reader), (i, kind) -> ports(i, kind, to));
        if (reader == null) {
            InetAddress chosen = relay.advertised(resolve(r.rtp()).getAddress());
            if (!chosen.equals(relay.advertised(null))) {
                r = SdpRewriter.rewrite(sdp, chosen, (i, kind) -> ports(i, kind, to));
            }
        }
        long now = System.nanoTime();
        boolean complete = false;
        for (SdpRewriter.Media m : r.media()) {
            RelayStream stream = streams[m.index()];
            boolean held = "0.0.0.0".equals(m.rtp().getHostString());
            InetSocketAddress media = held ? null : resolve(m.rtp());
            if (m == r.main() && media != null) {
                signalledHost[side] = media.getAddress();
            }
            complete |= stream.described(from, m, media, held ? null : resolve(m.rtcp()), now, relay.latchNanos());
        }
        if (r.main().encrypted() && !encrypted) {
            encrypted = true;
            dropRecorder();
        }
        if (!closed) {
            music.update(relay.music(), main);
        }
        if (complete) {
            // an answer completes the exchange: the legs start sending now, so their latch windows start now
            for (RelayStream stream : streams) {
                if (stream != null) {
                    stream.reopen(now, relay.latchNanos());
                }
            }
        }
        return r.body();
    }

    /**
     * The relay's ports for a media line's stream, the stream made on its first offer (a video
     * added by a re-INVITE too). A stream past the first audio that gets no ports is declined.
     */
    private synchronized SdpRewriter.Ports ports(int index, String kind, Leg reader) throws MediaException {
        if (closed) {
            throw new MediaException("The media session of call " + callId + " is closed");
        }
        RelayStream[] now = streams;
        if (index < now.length && now[index] != null) {
            return now[index].ports(reader);
        }
        PortPool.Pair[] pairs = spare;
        if (pairs == null) {
            try {
                pairs = new PortPool.Pair[] { relay.ports().take(), null };
                pairs[1] = relay.ports().take();
            } catch (MediaException e) {
                if (pairs != null && pairs[0] != null) {
                    relay.ports().give(pairs[0]);
                }
                if (kind.equals("audio") && main == null) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "Call " + callId + ": its " + kind + " is declined: " + e.getMessage());
                return null;
            }
        }
        spare = null;
        boolean first = main == null && kind.equals("audio");
        RelayStream stream = new RelayStream(this, index, kind, pairs[0], pairs[1],
                first ? audioTypes : new Codec[128]);
        for (Leg leg : Leg.values()) {
            if (sipHosts[leg.ordinal()] != null) {
                stream.signalledFrom(leg, sipHosts[leg.ordinal()]);
            }
        }
        RelayStream[] grown = Arrays.copyOf(now, Math.max(now.length, index + 1));
        grown[index] = stream;
        streams = grown;
        if (first) {
            main = stream;
        }
        loop.register(this, stream.all);
        return stream.ports(reader);
    }

    /**
     * @return the SDP's address, which must be an IP address: a name there comes from whoever sent the
     *         offer, and the relay looks up no stranger's names
     */
    private static InetSocketAddress resolve(InetSocketAddress unresolved) throws MediaException {
        String host = unresolved.getHostString();
        if (!IPV4_ADDRESS.matcher(host).matches() && !(host.contains(":") && IPV6_ADDRESS.matcher(host).matches())) {
            throw new MediaException("The SDP's connection address '" + host + "' is not an IP address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(unresolved.getHostString()), unresolved.getPort());
        } catch (UnknownHostException e) {
            throw new MediaException("Cannot resolve the SDP's address " + unresolved.getHostString(), e);
        }
    }

    /** A packet one of this session's sockets received. Relay thread only; allocates nothing. */
    void packet(Endpoint from, InetSocketAddress source, ByteBuffer packet, long now) throws IOException {
        RelayStream stream = from.stream;
        stream.packet(from, source, packet, now, stream == main ? recorder : null);
    }

    /** Once a second on the relay thread: figures published, the media timeout checked (on the audio). */
    void tick(long now, long timeoutNanos) {
        for (RelayStream stream : streams) {
            if (stream != null) {
                stream.tick();
            }
        }
        RelayStream audio = main;
        if (audio == null) {
            return;
        }
        long start = audio.mediaStart != 0 ? audio.mediaStart : answeredAt;
        if (timeoutNanos <= 0 || start == 0 || timedOut || closed) {
            return;
        }
        for (Leg leg : Leg.values()) {
            int side = leg.ordinal();
            long last = Math.max(audio.lastRtp[side], start);
            if (audio.sends[side] && now - last > timeoutNanos) {
                timedOut = true;
                relay.timedOut(this, listener, leg);
                return;
            }
        }
    }

    @Override
    public void answered() {
        answeredAt = System.nanoTime();
    }

    @Override
    public synchronized void signalledFrom(Leg leg, InetAddress sipSource) {
        sipHosts[leg.ordinal()] = sipSource;
        for (RelayStream stream : streams) {
            if (stream != null) {
                stream.signalledFrom(leg, sipSource);
            }
        }
    }

    @Override
    public Map<Leg, StreamStats> stats() {
        Map<Leg, StreamStats> stats = new EnumMap<>(Leg.class);
        RelayStream audio = main;
        for (Leg leg : Leg.values()) {
            stats.put(leg, audio == null ? StreamStats.NONE : audio.stats(leg));
        }
        return stats;
    }

    @Override
    public List<String> streams() {
        List<String> kinds = new ArrayList<>();
        for (RelayStream stream : streams) {
            if (stream != null && stream.carried()) {
                kinds.add(stream.kind);
            }
        }
        return kinds;
    }

    @Override
    public Map<Leg, StreamStats> stats(int stream) {
        int carried = 0;
        for (RelayStream s : streams) {
            if (s != null && s.carried() && carried++ == stream) {
                Map<Leg, StreamStats> stats = new EnumMap<>(Leg.class);
                for (Leg leg : Leg.values()) {
                    stats.put(leg, s.stats(leg));
                }
                return stats;
            }
        }
        return Map.of();
    }

    @Override
    public Map<Leg, Integer> ports() {
        Map<Leg, Integer> ports = new EnumMap<>(Leg.class);
        RelayStream audio = main;
        for (Leg leg : Leg.values()) {
            ports.put(leg, audio != null ? audio.rtp[leg.ordinal()].port
                    : spare != null ? spare[leg.ordinal()].port() : 0);
        }
        return ports;
    }

    @Override
    public Optional<InetSocketAddress> peer(Leg leg) {
        RelayStream audio = main;
        return audio == null ? Optional.empty() : Optional.ofNullable(audio.rtp[leg.ordinal()].peer());
    }

    /** The relay cannot decrypt SRTP: a recording would hold noise. */
    private synchronized void dropRecorder() {
        if (recorder != null) {
            recorder = null;
            LOG.log(System.Logger.Level.WARNING, "Call " + callId + " has encrypted media (SRTP): it is relayed and "
                    + "measured but not recorded");
        }
    }

    @Override
    public synchronized void record() throws MediaException {
        if (recorder != null || closed) {
            return;
        }
        if (encrypted) {
            throw new MediaException("Call " + callId + " has encrypted media (SRTP), which the relay cannot record");
        }
        try {
            recorder = new Recorder(relay.recordings(), callId, audioTypes);
        } catch (IOException e) {
            throw new MediaException("Cannot record call " + callId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Recording> recording() {
        return recording;
    }

    @Override
    public void close() {
        PortPool.Pair[] unused;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            unused = spare;
            spare = null;
        }
        music.stop(relay.music());
        relay.closed(this);
        // on the relay thread, so that the last figures are complete when the switch reads them for the record
        loop.await(() -> {
            tick(System.nanoTime(), 0);
            loop.remove(this);
            for (RelayStream stream : streams) {
                if (stream != null) {
                    for (PortPool.Pair pair : stream.pairs) {
                        relay.ports().give(pair);
                    }
                }
            }
            if (unused != null) {
                for (PortPool.Pair pair : unused) {
                    relay.ports().give(pair);
                }
            }
        });
        Recorder r = recorder;
        if (r != null) {
            // here, not on the relay thread: making the WAV of a long call takes a while
            synchronized (this) {
                recording = r.finish();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }
}
