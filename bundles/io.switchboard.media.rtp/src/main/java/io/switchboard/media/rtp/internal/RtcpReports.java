package io.switchboard.media.rtp.internal;

import java.nio.ByteBuffer;

/**
 * Round-trip time between the relay and one leg from RTCP (RFC 3550 6.4.1): the relay notes when
 * it forwards a sender report to the leg, keyed by the report's middle 32 bits of NTP time; when
 * the leg's receiver report comes back naming that report (LSR), the round trip is the time since
 * minus the leg's delay (DLSR). The relay's own clock is used on both ends, so the endpoints'
 * clocks need not agree. Allocates nothing; only the relay's thread uses it.
 */
final class RtcpReports {

    private static final int SR = 200;
    private static final int RR = 201;
    private static final int KEPT = 8;

    private final int[] keys = new int[KEPT];
    private final long[] sent = new long[KEPT];
    private int next;
    private double rttMs = Double.NaN;

    /** A compound packet the relay sends on to this leg: note its sender reports. */
    void forwarded(ByteBuffer packet, long now) {
        int at = packet.position();
        int end = packet.limit();
        while (at + 8 <= end) {
            int type = packet.get(at + 1) & 0xFF;
            int length = ((packet.getShort(at + 2) & 0xFFFF) + 1) * 4;
            if (type == SR && at + 28 <= end) {
                keys[next] = packet.getInt(at + 10);
                sent[next] = now;
                next = (next + 1) % KEPT;
            }
            at += length;
        }
    }

    /** A compound packet from this leg: its report blocks that name a forwarded report give the round trip. */
    void received(ByteBuffer packet, long now) {
        int at = packet.position();
        int end = packet.limit();
        while (at + 8 <= end) {
            int count = packet.get(at) & 0x1F;
            int type = packet.get(at + 1) & 0xFF;
            int length = ((packet.getShort(at + 2) & 0xFFFF) + 1) * 4;
            int blocks = type == SR ? at + 28 : type == RR ? at + 8 : -1;
            for (int i = 0; blocks >= 0 && i < count && blocks + 24 * (i + 1) <= Math.min(end, at + length); i++) {
                int block = blocks + 24 * i;
                roundTrip(packet.getInt(block + 16), packet.getInt(block + 20) & 0xFFFFFFFFL, now);
            }
            at += length;
        }
    }

    private void roundTrip(int lsr, long dlsr, long now) {
        if (lsr == 0) {
            return;
        }
        for (int i = 0; i < KEPT; i++) {
            if (keys[i] == lsr && sent[i] != 0) {
                double ms = (now - sent[i]) / 1e6 - dlsr * 1000.0 / 65536;
                if (ms >= 0) {
                    rttMs = ms;
                }
                return;
            }
        }
    }

    /** @return the last round trip measured, NaN before any */
    double rttMs() {
        return rttMs;
    }

    static boolean isRtcp(ByteBuffer packet) {
        // RFC 5761 4: on a multiplexed port, RTCP's packet types 192-223 never clash with RTP's payload types
        int type = packet.get(packet.position() + 1) & 0xFF;
        return type >= 192 && type <= 223;
    }
}
