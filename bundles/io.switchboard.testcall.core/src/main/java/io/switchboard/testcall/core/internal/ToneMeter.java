package io.switchboard.testcall.core.internal;

import io.switchboard.media.audio.Goertzel;
import io.switchboard.phone.api.AudioSink;

/**
 * What a test call hears: its level, and the share of it at the test tone (a Goertzel filter run
 * across the frames). Frames before {@link #start()} are not counted: the answer's first moments
 * are the far end's set-up, not its audio path.
 */
final class ToneMeter implements AudioSink {

    private final double hz;
    private boolean counting;
    private int rate;
    private Goertzel filter;
    private double energy;

    ToneMeter(double hz) {
        this.hz = hz;
    }

    synchronized void start() {
        counting = true;
    }

    @Override
    public synchronized void write(short[] frame, int sampleRate) {
        if (!counting) {
            return;
        }
        if (sampleRate != rate) { // a new codec after a re-INVITE: the filter starts over
            rate = sampleRate;
            filter = new Goertzel(hz, rate);
            energy = 0;
        }
        filter.add(frame);
        for (short x : frame) {
            energy += (double) x * x;
        }
    }

    /** @return the level heard, dBFS (RMS against a full-scale sine), or -120 for nothing */
    synchronized double levelDb() {
        if (filter == null || energy == 0) {
            return -120;
        }
        double rms = Math.sqrt(energy / filter.samples());
        return Math.max(-120, 20 * Math.log10(rms / (32767 / Math.sqrt(2))));
    }

    /** @return the share of what was heard that is the tone, 0 to 1 */
    synchronized double toneShare() {
        if (filter == null || energy == 0) {
            return 0;
        }
        return Math.min(1, 2 * filter.power() / (filter.samples() * energy));
    }
}
