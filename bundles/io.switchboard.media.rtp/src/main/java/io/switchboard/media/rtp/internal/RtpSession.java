package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaException;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.Recording;
import io.switchboard.media.api.StreamStats;
import io.switchboard.media.audio.Codec;
import io.switchboard.media.audio.StreamMeter;

/**
 * One call's media through the relay: an RTP and an RTCP socket facing each leg. What a leg sends
 * is measured, then sent on unchanged out of the other leg's socket (the relay never transcodes).
 * Packets are handled on the relay thread of its {@link RelayLoop}; the SIP threads rewrite SDP.
 */
final class RtpSession implements MediaSession {

    private static final System.Logger LOG = System.getLogger(RtpSession.class.getName());
    private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";

    private final String callId;
    private final Listener listener;
    private final RtpRelay relay;
    final RelayLoop loop;
    private final PortPool.Pair[] pairs;
    private final Endpoint[] rtp = new Endpoint[2];
    private final Endpoint[] rtcp = new Endpoint[2];
    private final Endpoint[] all;
    private final StreamMeter[] meters = new StreamMeter[2];
    private final RtcpReports[] reports = { new RtcpReports(), new RtcpReports() };
    private final Codec[] payloadTypes = new Codec[128];
    private final boolean[] described = new boolean[2];
    private final boolean[] mux = new boolean[2];
    private final boolean[] sends = { true, true };
    private final long[] lastRtp = new long[2];
    private final InetAddress[] signalledHost = new InetAddress[2];
    private long mediaStart;
    /** When the call was answered (System.nanoTime), 0 before: written by a SIP thread, read by the relay's. */
    private volatile long answeredAt;
    /** SRTP on either leg: RTCP is SRTCP (its reports unreadable) and there is nothing to record. */
    private volatile boolean encrypted;
    /** Set by a SIP thread, read by the relay thread for each packet. */
    private volatile Recorder recorder;
    private Optional<Recording> recording = Optional.empty();
    private volatile boolean closed;
    private boolean timedOut;

    RtpSession(String callId, Listener listener, RtpRelay relay, RelayLoop loop, PortPool.Pair a, PortPool.Pair b) {
        this.callId = callId;
        this.listener = listener;
        this.relay = relay;
        this.loop = loop;
        this.pairs = new PortPool.Pair[] { a, b };
        for (Leg leg : Leg.values()) {
            PortPool.Pair pair = pairs[leg.ordinal()];
            rtp[leg.ordinal()] = new Endpoint(this, leg, false, pair.rtp(), pair.port());
            rtcp[leg.ordinal()] = new Endpoint(this, leg, true, pair.rtcp(), pair.port() + 1);
            meters[leg.ordinal()] = new StreamMeter(payloadTypes);
        }
        all = new Endpoint[] { rtp[0], rtcp[0], rtp[1], rtcp[1] };
    }

    Endpoint[] endpoints() {
        return all;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public byte[] rewrite(Leg from, byte[] sdp) throws MediaException {
        Leg to = from.other();
        int side = from.ordinal();
        // the address the reading leg can reach: loopback for a phone on this host, else the advertised one
        InetAddress reader = signalledHost[to.ordinal()];
        SdpRewriter.Rewritten r = rewrite(sdp, relay.advertised(reader), to);
        if (reader == null) {
            InetAddress chosen = relay.advertised(resolve(r.rtp()).getAddress());
            if (!chosen.equals(relay.advertised(null))) {
                r = rewrite(sdp, chosen, to);
            }
        }
        for (int pt = 0; pt < 128; pt++) {
            if (r.payloadTypes()[pt] != null) {
                payloadTypes[pt] = r.payloadTypes()[pt];
            }
        }
        sends[side] = r.sends();
        if (r.encrypted() && !encrypted) {
            encrypted = true;
            dropRecorder();
        }
        long now = System.nanoTime();
        if (!"0.0.0.0".equals(r.rtp().getHostString())) {
            InetSocketAddress media = resolve(r.rtp());
            signalledHost[side] = media.getAddress();
            mux[side] = r.rtcpMux();
            rtp[side].signal(media, now, relay.latchNanos());
            rtcp[side].signal(resolve(r.rtcp()), now, relay.latchNanos());
        }
        described[side] = true;
        if (described[to.ordinal()]) {
            // an answer completes the exchange: the legs start sending now, so their latch windows start now
            for (Endpoint e : all) {
                e.reopen(now, relay.latchNanos());
            }
        }
        return r.body();
    }

    private SdpRewriter.Rewritten rewrite(byte[] sdp, InetAddress relayHost, Leg reader) throws MediaException {
        return SdpRewriter.rewrite(sdp, new InetSocketAddress(relayHost, rtp[reader.ordinal()].port),
                rtcp[reader.ordinal()].port);
    }

    /**
     * @return the SDP's address, which must be an IP address: a name there comes from whoever sent the
     *         offer, and the relay looks up no stranger's names
     */
    private static InetSocketAddress resolve(InetSocketAddress unresolved) throws MediaException {
        String host = unresolved.getHostString();
        if (!host.matches(IPV4) && !(host.contains(":") && host.matches("[0-9A-Fa-f:.]+"))) {
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
        RelayLoop.Counters counters = loop.counters;
        if (!from.accept(source, now)) {
            counters.strangers++;
            return;
        }
        int side = from.leg.ordinal();
        int other = 1 - side;
        Endpoint out;
        if (from.rtcp || RtcpReports.isRtcp(packet)) {
            out = mux[other] ? rtp[other] : rtcp[other];
            if (!encrypted) {
                reports[side].received(packet, now);
                reports[other].forwarded(packet, now);
            }
        } else {
            if (!meters[side].packet(packet, now)) {
                counters.unsent++;
                return;
            }
            if (mediaStart == 0) {
                mediaStart = now;
            }
            lastRtp[side] = now;
            out = rtp[other];
            Recorder r = recorder;
            if (r != null) {
                r.rtp(side, packet, source, out.peer(), now);
            }
        }
        InetSocketAddress to = out.peer();
        if (to == null || out.channel.send(packet, to) == 0) {
            counters.unsent++;
        } else {
            counters.out++;
        }
    }

    /** Once a second on the relay thread: figures published, the media timeout checked. */
    void tick(long now, long timeoutNanos) {
        double rttA = reports[0].rttMs();
        double rttB = reports[1].rttMs();
        if (!Double.isNaN(rttA) || !Double.isNaN(rttB)) {
            // the relay sits in the middle: the ends' round trip is the sum of its two halves
            double rtt = (Double.isNaN(rttA) ? 0 : rttA) + (Double.isNaN(rttB) ? 0 : rttB);
            meters[0].rtt(rtt);
            meters[1].rtt(rtt);
        }
        meters[0].publish();
        meters[1].publish();
        long start = mediaStart != 0 ? mediaStart : answeredAt;
        if (timeoutNanos <= 0 || start == 0 || timedOut || closed) {
            return;
        }
        for (Leg leg : Leg.values()) {
            int side = leg.ordinal();
            long last = Math.max(lastRtp[side], start);
            if (sends[side] && now - last > timeoutNanos) {
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
    public void signalledFrom(Leg leg, InetAddress sipSource) {
        rtp[leg.ordinal()].sipHost(sipSource);
        rtcp[leg.ordinal()].sipHost(sipSource);
    }

    @Override
    public Map<Leg, StreamStats> stats() {
        Map<Leg, StreamStats> stats = new EnumMap<>(Leg.class);
        stats.put(Leg.A, meters[0].stats());
        stats.put(Leg.B, meters[1].stats());
        return stats;
    }

    @Override
    public Map<Leg, Integer> ports() {
        Map<Leg, Integer> ports = new EnumMap<>(Leg.class);
        ports.put(Leg.A, rtp[0].port);
        ports.put(Leg.B, rtp[1].port);
        return ports;
    }

    @Override
    public Optional<InetSocketAddress> peer(Leg leg) {
        return Optional.ofNullable(rtp[leg.ordinal()].peer());
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
            recorder = new Recorder(relay.recordings(), callId, payloadTypes);
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
        if (closed) {
            return;
        }
        closed = true;
        relay.closed(this);
        // on the relay thread, so that the last figures are complete when the switch reads them for the record
        loop.await(() -> {
            tick(System.nanoTime(), 0);
            loop.remove(this);
            for (PortPool.Pair pair : pairs) {
                relay.ports().give(pair);
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
