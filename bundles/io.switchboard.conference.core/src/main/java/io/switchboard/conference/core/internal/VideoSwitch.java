package io.switchboard.conference.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A room's video: everyone with video sees the talker's, forwarded as it comes (never decoded). When
 * the talker changes, the new one is asked for a keyframe so that the others' pictures start clean;
 * a receiver's own keyframe request (PLI or FIR) goes to the talker too. Each leg's sockets are read
 * by virtual threads of their own.
 */
final class VideoSwitch {

    private static final Logger LOG = System.getLogger(VideoSwitch.class.getName());
    /** Receivers' requests reach the talker at most this often: one picture mends all of them. */
    private static final long KEYFRAME_GAP_NANOS = 300_000_000L;

    private final List<VideoLeg> legs = new CopyOnWriteArrayList<>();
    private final Runnable changed;
    private volatile VideoLeg talker;
    private volatile long lastKeyframeNanos;

    /** @param changed told when the video shown changes (the roster says whose it is) */
    VideoSwitch(Runnable changed) {
        this.changed = changed;
    }

    /** A participant with video is in: its packets are read from now on; the first one is shown. */
    void add(VideoLeg leg) {
        legs.add(leg);
        Thread.ofVirtual().name("switchboard-video-rtp").start(() -> read(leg, leg.rtp));
        if (leg.rtcp != leg.rtp) {
            Thread.ofVirtual().name("switchboard-video-rtcp").start(() -> read(leg, leg.rtcp));
        }
        if (talker == null) {
            show(leg);
        }
    }

    void remove(VideoLeg leg) {
        legs.remove(leg);
        leg.close();
        if (talker == leg) {
            show(legs.isEmpty() ? null : legs.get(0));
        }
    }

    VideoLeg shown() {
        return talker;
    }

    /**
     * Follows the talker: the video shown stays while its owner talks, and goes to someone else who
     * talks once they stop.
     */
    void follow(Predicate<VideoLeg> talking) {
        VideoLeg now = talker;
        if (now != null && talking.test(now)) {
            return;
        }
        for (VideoLeg leg : legs) {
            if (leg != now && talking.test(leg)) {
                show(leg);
                return;
            }
        }
    }

    private void show(VideoLeg leg) {
        talker = leg;
        if (leg != null) {
            lastKeyframeNanos = System.nanoTime();
            leg.requestKeyframe();
        }
        changed.run();
    }

    private void read(VideoLeg leg, DatagramChannel channel) {
        ByteBuffer packet = ByteBuffer.allocateDirect(VideoLeg.MTU);
        try {
            while (true) {
                packet.clear();
                SocketAddress from = channel.receive(packet);
                packet.flip();
                if (packet.remaining() < 8 || (packet.get(0) & 0xC0) != 0x80) {
                    continue; // not RTP or RTCP version 2
                }
                int type = packet.get(1) & 0xFF;
                if (type >= 192 && type <= 223) { // RTCP, on its own port or multiplexed (RFC 5761)
                    leg.receivedRtcp(from);
                    feedback(packet);
                } else if (packet.remaining() >= 12 && channel == leg.rtp) {
                    leg.receivedRtp(from, packet.getInt(8));
                    forward(leg, packet);
                }
            }
        } catch (ClosedChannelException closed) {
            // the participant left
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Video of a participant stops: " + e.getMessage());
        }
    }

    private void forward(VideoLeg from, ByteBuffer packet) {
        if (from != talker) {
            return;
        }
        for (VideoLeg to : legs) {
            if (to != from) {
                to.send(from, packet);
            }
        }
    }

    /** A receiver's PLI or FIR in a compound RTCP packet asks the talker for a keyframe. */
    private void feedback(ByteBuffer packet) {
        int at = packet.position();
        while (at + 4 <= packet.limit()) {
            int format = packet.get(at) & 0x1F;
            int type = packet.get(at + 1) & 0xFF;
            if (type == 206 && (format == 1 || format == 4)) {
                VideoLeg t = talker;
                long now = System.nanoTime();
                if (t != null && now - lastKeyframeNanos > KEYFRAME_GAP_NANOS) {
                    lastKeyframeNanos = now;
                    t.requestKeyframe();
                }
                return;
            }
            at += ((packet.getShort(at + 2) & 0xFFFF) + 1) * 4;
        }
    }

    void close() {
        legs.forEach(VideoLeg::close);
        legs.clear();
    }
}
