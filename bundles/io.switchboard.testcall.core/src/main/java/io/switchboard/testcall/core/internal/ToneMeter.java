package io.switchboard.testcall.core.internal;

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
    private double s1;
    private double s2;
    private double energy;
    private long samples;

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
            s1 = 0;
            s2 = 0;
            energy = 0;
            samples = 0;
        }
        double k = 2 * Math.cos(2 * Math.PI * hz / rate);
        for (short x : frame) {
            double s = x + k * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) x * x;
        }
        samples += frame.length;
    }

    /** @return the level heard, dBFS (RMS against a full-scale sine), or -120 for nothing */
    synchronized double levelDb() {
        if (samples == 0 || energy == 0) {
            return -120;
        }
        double rms = Math.sqrt(energy / samples);
        return Math.max(-120, 20 * Math.log10(rms / (32767 / Math.sqrt(2))));
    }

    /** @return the share of what was heard that is the tone, 0 to 1 */
    synchronized double toneShare() {
        if (samples == 0 || energy == 0) {
            return 0;
        }
        double k = 2 * Math.cos(2 * Math.PI * hz / rate);
        double power = s1 * s1 + s2 * s2 - k * s1 * s2;
        return Math.min(1, 2 * power / (samples * energy));
    }
}
