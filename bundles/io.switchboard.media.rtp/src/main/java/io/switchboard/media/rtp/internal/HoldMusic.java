package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.switchboard.media.audio.G711;

/**
 * Music to the leg of a call whose other leg put it on hold: a stream of the relay's own (its SSRC,
 * sequence and timestamps), G.711 at 8 kHz in 20 ms packets from the socket that faces the leg, on a
 * clock thread of its own so that a busy relay thread does not make the music stutter. The clock ticks
 * only while a leg hears music: an idle server is not woken fifty times a second.
 */
final class HoldMusic implements AutoCloseable {

    private static final Logger LOG = System.getLogger(HoldMusic.class.getName());
    static final int SAMPLES = 160;
    private static final int HEADER = 12;

    private final Function<String, short[]> music;
    private final Set<Player> playing = ConcurrentHashMap.newKeySet();
    /** The clock's task while a leg hears music, else null. */
    private ScheduledFuture<?> tick;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-hold-music");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    });

    /** @param music 8 kHz samples, played over and over from the start for each held leg */
    HoldMusic(short[] music) {
        this(holder -> music);
        if (music.length < SAMPLES) {
            throw new IllegalArgumentException("Hold music of " + music.length + " samples: less than 20 ms");
        }
    }

    /**
     * @param music what a leg put on hold by a user (or null) hears from then on (8 kHz samples, 20 ms at least),
     *            asked at each hold
     */
    HoldMusic(Function<String, short[]> music) {
        this.music = music;
    }

    /** One leg hearing the music. */
    static final class Player {
        final Endpoint out;
        final int payloadType;
        final boolean alaw;
        final ByteBuffer packet = ByteBuffer.allocate(HEADER + SAMPLES);
        final int ssrc = ThreadLocalRandom.current().nextInt();
        final short[] music;
        int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
        int timestamp = ThreadLocalRandom.current().nextInt();
        int position;

        Player(Endpoint out, int payloadType, boolean alaw, short[] music) {
            this.music = music;
            this.out = out;
            this.payloadType = payloadType;
            this.alaw = alaw;
        }
    }

    /**
     * @param out the relay's socket that faces the leg to hear the music
     * @param payloadType the leg's payload type for PCMU or PCMA
     * @param holder the switch's user who holds the leg, or null
     */
    synchronized Player start(Endpoint out, int payloadType, boolean alaw, String holder) {
        Player p = new Player(out, payloadType, alaw, music.apply(holder));
        playing.add(p);
        if (tick == null) {
            tick = clock.scheduleAtFixedRate(this::frame, 20, 20, TimeUnit.MILLISECONDS);
        }
        return p;
    }

    synchronized void stop(Player p) {
        playing.remove(p);
        if (playing.isEmpty() && tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    /** @return the legs hearing music now */
    int playing() {
        return playing.size();
    }

    private void frame() {
        for (Player p : playing) {
            try {
                send(p);
            } catch (IOException | RuntimeException e) {
                stop(p);
                LOG.log(Level.INFO, "Hold music to port " + p.out.port + " stopped: " + e);
            }
        }
    }

    void send(Player p) throws IOException {
        InetSocketAddress to = p.out.peer();
        if (to == null) {
            return;
        }
        ByteBuffer b = p.packet.clear();
        b.put((byte) 0x80).put((byte) p.payloadType).putShort((short) p.sequence).putInt(p.timestamp).putInt(p.ssrc);
        for (int i = 0; i < SAMPLES; i++) {
            short s = p.music[(p.position + i) % p.music.length];
            b.put(p.alaw ? G711.linearToAlaw(s) : G711.linearToUlaw(s));
        }
        p.position = (p.position + SAMPLES) % p.music.length;
        p.sequence = (p.sequence + 1) & 0xffff;
        p.timestamp += SAMPLES;
        p.out.channel.send(b.flip(), to);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        playing.clear();
    }
}
