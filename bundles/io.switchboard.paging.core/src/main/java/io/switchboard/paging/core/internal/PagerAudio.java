package io.switchboard.paging.core.internal;

import java.util.Collection;
import java.util.function.BooleanSupplier;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;

/**
 * The caller's side of a page: their voice goes to every member's lane; they hear a chime once the first phone
 * answered (the sign to speak) and, in an intercom, the members. The chime waits until the caller's audio reaches
 * the page: a member's phone may answer before the caller's phone has the page's answer, and a chime played then
 * is lost on the way.
 */
final class PagerAudio implements AudioSource, AudioSink {

    /** The chime: two notes, high then low, as the public address systems sound before an announcement. */
    static final double[] CHIME_HZ = { 784, 523 };
    private static final int NOTE_MS = 300;
    /** How long a chime waits for the caller's audio: a phone that sends nothing still hears it. */
    static final int HEARD_WAIT_MS = 2000;

    private final Collection<Lane> lanes;
    private final boolean duplex;
    private final boolean chimes;
    private final BooleanSupplier callerHeard;
    /** The milliseconds of chime still to play. */
    private int chimeMs;
    /** Whether a phone answered, and so the chime is due (once). */
    private boolean asked;
    private boolean started;
    /** The milliseconds the chime has waited for the caller's audio. */
    private int waitedMs;
    private long samplesPlayed;

    /**
     * @param chimes whether the chime plays (a setting)
     * @param callerHeard whether the caller's audio has reached the page
     */
    PagerAudio(Collection<Lane> lanes, boolean duplex, boolean chimes, BooleanSupplier callerHeard) {
        this.lanes = lanes;
        this.duplex = duplex;
        this.chimes = chimes;
        this.callerHeard = callerHeard;
    }

    /** The first phone answered: the chime plays, once, as soon as the caller is heard. */
    synchronized void chime() {
        if (chimes) {
            asked = true;
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
            if (asked && !started) {
                started = callerHeard.getAsBoolean() || waitedMs >= HEARD_WAIT_MS;
                chimeMs = started ? CHIME_HZ.length * NOTE_MS : 0;
                waitedMs += frame.length * 1000 / sampleRate;
            }
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
