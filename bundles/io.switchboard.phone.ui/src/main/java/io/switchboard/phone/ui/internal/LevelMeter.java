package io.switchboard.phone.ui.internal;

import io.switchboard.phone.api.AudioSink;

/**
 * Passes a call's incoming audio on to the chosen speaker (or nowhere) and keeps its level, so
 * that the admin sees that the far end is heard even on a machine without a speaker.
 */
final class LevelMeter implements AudioSink {

    /** What silence reads as: digital zero has no decibels. */
    static final double FLOOR_DBFS = -90;
    /** About half a second of frames: the reading follows speech without flickering. */
    private static final double SMOOTHING = 0.04;

    private final AudioSink speaker;
    private volatile double power;

    /** @param speaker where the audio goes on, or null */
    LevelMeter(AudioSink speaker) {
        this.speaker = speaker;
    }

    @Override
    public void write(short[] frame, int sampleRate) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        double frameMean = sum / frame.length / (32768.0 * 32768.0);
        power += SMOOTHING * (frameMean - power);
        if (speaker != null) {
            speaker.write(frame, sampleRate);
        }
    }

    /** @return the level heard lately in dB below full scale, {@link #FLOOR_DBFS} for silence */
    double dbfs() {
        double p = power;
        return p <= 1e-9 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 10 * Math.log10(p));
    }

    @Override
    public void close() {
        if (speaker != null) {
            speaker.close();
        }
    }
}
