package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import io.switchboard.media.api.StreamStats;

/**
 * A call's RTCP (RFC 3550 6.4), on the RTP port + 1: every {@link #INTERVAL_NANOS} a sender report
 * with a reception report of the far end's stream, whose LSR and DLSR let the far end time the round
 * trip, and an SDES CNAME; the far end's reports of this phone's stream give this phone its
 * round-trip time. Times are the middle 32 bits of NTP time (1/65536 s), taken from one monotonic
 * clock, so the round trip never depends on the two ends' clocks agreeing.
 */
final class Rtcp implements AutoCloseable {

    static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final int SR = 200;
    private static final int RR = 201;
    private static final int SDES = 202;
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private final DatagramChannel channel;
    private final int ssrc;
    private final byte[] cname;
    private final long ntpBaseQ16;
    private final long nanoBase = System.nanoTime();
    private volatile SocketAddress remote;
    private long nextSend;
    private int farSsrc;
    private boolean haveFar;
    private int lastSr;
    private long lastSrArrival;
    private volatile Double rttMs;

    Rtcp(DatagramChannel channel, int ssrc, String host) {
        this.channel = channel;
        this.ssrc = ssrc;
        this.cname = ("switchboard-phone@" + host).getBytes(StandardCharsets.US_ASCII);
        long now = System.currentTimeMillis();
        this.ntpBaseQ16 = ((now / 1000 + NTP_EPOCH_OFFSET) << 16) + (now % 1000) * 65536 / 1000;
        this.nextSend = nanoBase + INTERVAL_NANOS / 2;
        try {
            Datagrams.receive(channel, this::receive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remote(SocketAddress to) {
        remote = to;
    }

    /** @return the last round trip the far end's reports gave, null before one */
    Double rttMs() {
        return rttMs;
    }

    /** @return whether a report is due: asked with every RTP frame */
    synchronized boolean due(long now) {
        return remote != null && now >= nextSend;
    }

    /** Sends a report of what this phone sent and of what it received from the far end. */
    synchronized void send(long now, long rtpTimestamp, long packets, long octets, StreamStats received,
            int clockRate) {
        SocketAddress to = remote;
        if (to == null) {
            return;
        }
        nextSend = now + INTERVAL_NANOS;
        int blocks = haveFar ? 1 : 0;
        int cnameWords = (4 + 2 + cname.length + 1 + 3) / 4;
        ByteBuffer b = ByteBuffer.allocate(28 + 24 * blocks + 4 + 4 * cnameWords);
        long ntp = ntpQ16(now);
        b.put((byte) (0x80 | blocks)).put((byte) SR).putShort((short) (6 + 6 * blocks)).putInt(ssrc)
                .putInt((int) (ntp >>> 16)).putInt((int) (ntp << 16)).putInt((int) rtpTimestamp).putInt((int) packets)
                .putInt((int) octets);
        if (haveFar) {
            long lost = Math.max(0, Math.min(0x7FFFFF, received.expected() - received.packets()));
            int fraction = (int) Math.min(255, Math.round(received.lossPercent() * 256 / 100));
            long dlsr = lastSrArrival == 0 ? 0 : (now - lastSrArrival) * 65536 / 1_000_000_000L;
            b.putInt(farSsrc).putInt((fraction << 24) | (int) lost).putInt((int) received.expected())
                    .putInt((int) Math.round(received.jitterMs() * clockRate / 1000)).putInt(lastSr).putInt((int) dlsr);
        }
        b.put((byte) 0x81).put((byte) SDES).putShort((short) cnameWords).putInt(ssrc).put((byte) 1)
                .put((byte) cname.length).put(cname);
        b.position(b.limit()).flip(); // the chunk ends in at least one zero byte, the rest is zero padding
        try {
            channel.send(b, to);
        } catch (IOException e) {
            // the far end went away: the call's signalling ends it
        }
    }

    private void receive(ByteBuffer packet, SocketAddress from, long now) {
        if (remote != null && !from.equals(remote)) {
            remote = from; // symmetric: answer where the far end's reports come from
        }
        received(packet, now);
    }

    /** Reads a compound packet: the far end's sender report, and its report blocks of this phone's stream. */
    synchronized void received(ByteBuffer p, long now) {
        int at = 0;
        while (at + 8 <= p.limit() && (p.get(at) & 0xC0) == 0x80) {
            int count = p.get(at) & 0x1F;
            int type = p.get(at + 1) & 0xFF;
            int end = Math.min(p.limit(), at + ((p.getShort(at + 2) & 0xFFFF) + 1) * 4);
            int blocks = -1;
            if (type == SR && at + 28 <= end) {
                farSsrc = p.getInt(at + 4);
                haveFar = true;
                lastSr = (int) (((p.getInt(at + 8) & 0xFFFFL) << 16) | ((p.getInt(at + 12) & 0xFFFFFFFFL) >>> 16));
                lastSrArrival = now;
                blocks = at + 28;
            } else if (type == RR) {
                blocks = at + 8;
            }
            for (int i = 0; blocks >= 0 && i < count && blocks + 24 * (i + 1) <= end; i++) {
                int block = blocks + 24 * i;
                if (p.getInt(block) == ssrc) {
                    roundTrip(p.getInt(block + 16) & 0xFFFFFFFFL, p.getInt(block + 20) & 0xFFFFFFFFL, now);
                }
            }
            at = end;
        }
    }

    private void roundTrip(long lsr, long dlsr, long now) {
        if (lsr == 0) {
            return;
        }
        long q16 = ((ntpQ16(now) & 0xFFFFFFFFL) - lsr - dlsr) & 0xFFFFFFFFL;
        double ms = q16 * 1000.0 / 65536;
        if (ms < 60_000) {
            rttMs = Math.round(ms * 10) / 10.0;
        }
    }

    /** @return NTP time in 1/65536 s at a {@link System#nanoTime()} */
    private long ntpQ16(long nanos) {
        return ntpBaseQ16 + (nanos - nanoBase) * 65536 / 1_000_000_000L;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
