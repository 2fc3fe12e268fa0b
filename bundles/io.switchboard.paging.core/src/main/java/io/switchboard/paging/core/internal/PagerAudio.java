package io.switchboard.paging.core.internal;

import java.util.Collection;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;

/**
 * The caller's side of a page: their voice goes to every member's lane; they hear a chime once the first phone
 * answered (the sign to speak) and, in an intercom, the members.
 */
final class PagerAudio implements AudioSource, AudioSink {

    /** The chime: two notes, high then low, as the public address systems sound before an announcement. */
    static final double[] CHIME_HZ = { 784, 523 };
    private static final int NOTE_MS = 300;

    private final Collection<Lane> lanes;
    private final boolean duplex;
    private final boolean chimes;
    /** The milliseconds of chime still to play; -1 before it starts. */
    private int chimeMs = -1;
    private long samplesPlayed;

    /** @param chimes whether the chime plays (a setting) */
    PagerAudio(Collection<Lane> lanes, boolean duplex, boolean chimes) {
        this.lanes = lanes;
        this.duplex = duplex;
        this.chimes = chimes;
    }

    /** The first phone answered: the chime plays, once. */
    synchronized void chime() {
        if (chimes && chimeMs < 0) {
            chimeMs = CHIME_HZ.length * NOTE_MS;
        }
    }

    @Override
    public void write(short[] frame, int sampleRate) {
        for (Lane lane : lanes) {
            lane.offer(frame);
        }
    }

    @Override
    public void read(short[] frame, int sampleRate) {
        synchronized (this) {
            if (chimeMs > 0) {
                int note = (CHIME_HZ.length * NOTE_MS - chimeMs) / NOTE_MS;
                double hz = CHIME_HZ[Math.min(note, CHIME_HZ.length - 1)];
                for (int i = 0; i < frame.length; i++, samplesPlayed++) {
                    frame[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * samplesPlayed / sampleRate));
                }
                chimeMs -= frame.length * 1000 / sampleRate;
            } else {
                Lane.fit(null, frame);
            }
        }
        if (duplex) {
            for (Lane lane : lanes) {
                lane.addSent(frame);
            }
        }
    }
}
