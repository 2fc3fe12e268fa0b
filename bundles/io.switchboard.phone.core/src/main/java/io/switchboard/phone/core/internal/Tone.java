package io.switchboard.phone.core.internal;

import io.switchboard.phone.api.AudioSource;

/** A sine tone at -10 dBFS, continuous across frames and sample rates. */
final class Tone implements AudioSource {

    private static final double AMPLITUDE = 32767 * Math.pow(10, -10 / 20.0);
    private final double hz;
    private double phase;

    Tone(double hz) {
        if (!(hz > 0 && hz < 24_000)) {
            throw new IllegalArgumentException("A tone between 0 and 24000 Hz, not " + hz);
        }
        this.hz = hz;
    }

    @Override
    public synchronized void read(short[] frame, int sampleRate) {
        double step = 2 * Math.PI * hz / sampleRate;
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(AMPLITUDE * Math.sin(phase));
            phase += step;
        }
        phase %= 2 * Math.PI;
    }
}
