package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.media.api.StreamStats;
import io.switchboard.media.audio.Codec;
import io.switchboard.media.audio.StreamMeter;

/**
 * One media stream of a call through the relay (one media line of its SDP: the audio, a video):
 * an RTP and an RTCP socket facing each leg. What a leg sends is measured, then sent on unchanged
 * out of the other leg's socket; RTCP, with its feedback (PLI, FIR), passes the same way.
 */
final class RelayStream {

    final RtpSession session;
    /** The stream's media line in the SDP: offer and answer keep the order. */
    final int index;
    final String kind;
    final PortPool.Pair[] pairs;
    final Endpoint[] rtp = new Endpoint[2];
    final Endpoint[] rtcp = new Endpoint[2];
    final Endpoint[] all;
    final Codec[] payloadTypes;
    private final StreamMeter[] meters = new StreamMeter[2];
    private final RtcpReports[] reports = { new RtcpReports(), new RtcpReports() };
    private final boolean[] described = new boolean[2];
    private final boolean[] mux = new boolean[2];
    final boolean[] sends = { true, true };
    /**
     * Whether each leg put the other on hold: an SDP of it that stops receiving (sendonly, inactive, no address)
     * after one that received. A leg's first SDP is never a hold: a carrier's early media (sendonly), an
     * announcement that only talks, a click-to-call's side with no address yet.
     */
    final boolean[] holds = new boolean[2];
    /** Whether each leg's last SDP said it receives. */
    private final boolean[] receiving = new boolean[2];
    /** Each leg's payload type for PCMU or PCMA, -1 when it takes neither: what hold music is sent to it in. */
    final int[] g711 = { -1, -1 };
    /** Each leg's RTP not sent on while the other hears hold music instead. Set by SIP threads. */
    final boolean[] muted = new boolean[2];
    final long[] lastRtp = new long[2];
    /** SRTP: RTCP is SRTCP, its reports unreadable. */
    volatile boolean encrypted;
    long mediaStart;

    /** @param payloadTypes the table its SDP's payload types are read into (the recorder's, for the call's audio) */
    RelayStream(RtpSession session, int index, String kind, PortPool.Pair a, PortPool.Pair b, Codec[] payloadTypes) {
        this.session = session;
        this.payloadTypes = payloadTypes;
        this.index = index;
        this.kind = kind;
        this.pairs = new PortPool.Pair[] { a, b };
        for (Leg leg : Leg.values()) {
            PortPool.Pair pair = pairs[leg.ordinal()];
            rtp[leg.ordinal()] = new Endpoint(this, leg, false, pair.rtp(), pair.port());
            rtcp[leg.ordinal()] = new Endpoint(this, leg, true, pair.rtcp(), pair.port() + 1);
            meters[leg.ordinal()] = new StreamMeter(payloadTypes);
        }
        all = new Endpoint[] { rtp[0], rtcp[0], rtp[1], rtcp[1] };
    }

    /** @return the relay's ports for this stream, facing the leg that reads the SDP */
    SdpRewriter.Ports ports(Leg reader) {
        return new SdpRewriter.Ports(rtp[reader.ordinal()].port, rtcp[reader.ordinal()].port);
    }

    /**
     * What a leg's SDP said about this stream. SIP threads.
     *
     * @return whether both legs have now described it: their latch windows start now
     */
    boolean described(Leg from, SdpRewriter.Media m, InetSocketAddress media, InetSocketAddress control, long now,
            long latchNanos) {
        int side = from.ordinal();
        for (int pt = 0; pt < 128; pt++) {
            if (m.payloadTypes()[pt] != null) {
                payloadTypes[pt] = m.payloadTypes()[pt];
            }
        }
        sends[side] = m.sends();
        holds[side] = !m.receives() && (holds[side] || described[side] && receiving[side]);
        receiving[side] = m.receives();
        g711[side] = g711(m.payloadTypes());
        encrypted |= m.encrypted();
        if (media != null) {
            mux[side] = m.rtcpMux();
            rtp[side].signal(media, now, latchNanos);
            rtcp[side].signal(control, now, latchNanos);
        }
        described[side] = true;
        return described[1 - side];
    }

    /** @return the lowest payload type of PCMU or PCMA, -1 for neither */
    private static int g711(Codec[] types) {
        for (int pt = 0; pt < types.length; pt++) {
            if (types[pt] != null && (types[pt].name().equals("PCMU") || types[pt].name().equals("PCMA"))) {
                return pt;
            }
        }
        return -1;
    }

    void reopen(long now, long latchNanos) {
        for (Endpoint e : all) {
            e.reopen(now, latchNanos);
        }
    }

    void signalledFrom(Leg leg, InetAddress sipSource) {
        rtp[leg.ordinal()].sipHost(sipSource);
        rtcp[leg.ordinal()].sipHost(sipSource);
    }

    /** @return whether both legs described the stream: it is carried both ways */
    boolean carried() {
        return described[0] && described[1];
    }

    /** A packet one of this stream's sockets received. Relay thread only; allocates nothing. */
    void packet(Endpoint from, InetSocketAddress source, ByteBuffer packet, long now, Recorder recorder)
            throws IOException {
        RelayLoop.Counters counters = session.loop.counters;
        if (!from.accept(source, now)) {
            // before the leg's SDP there is nobody to judge a packet against: a callee's first packets can
            // come before the switch has read its answer, and are early, not a stranger's
            if (described[from.leg.ordinal()]) {
                counters.strangers++;
            } else {
                counters.unsent++;
            }
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
            if (muted[side]) {
                return; // the other leg hears hold music
            }
            out = rtp[other];
            if (recorder != null) {
                recorder.rtp(side, packet, source, out.peer(), now);
            }
        }
        InetSocketAddress to = out.peer();
        LocalDatagrams local = session.loop.local();
        if (to == null) {
            counters.unsent++;
        } else if (local != null && out.bound != null && local.send(packet, out.bound, to)) {
            counters.out++; // to the phone engine of this server, without the kernel
        } else if (out.channel.send(packet, to) == 0) {
            counters.unsent++;
        } else {
            counters.out++;
        }
    }

    /** Once a second on the relay thread: the figures published. */
    void tick() {
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
    }

    StreamStats stats(Leg leg) {
        return meters[leg.ordinal()].stats();
    }
}
