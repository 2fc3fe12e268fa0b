package io.switchboard.media.audio;

/**
 * The Goertzel filter: the power of one frequency in a run of samples, fed frame by frame, at the
 * cost of one multiplication a sample. Tone checks use it (a test call's tone, the codecs' tests).
 * Not thread-safe.
 */
public final class Goertzel {

    private final double coefficient;
    private double s1;
    private double s2;
    private long samples;

    /** @param hz the frequency it measures, below half the sample rate */
    public Goertzel(double hz, int sampleRate) {
        this.coefficient = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
    }

    public void add(short[] frame) {
        for (short x : frame) {
            double s = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        samples += frame.length;
    }

    /** @return the squared magnitude at the frequency of all samples added: (A n / 2)^2 for a sine of amplitude A */
    public double power() {
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    public long samples() {
        return samples;
    }

    /** @return the power of {@code hz} in the samples */
    public static double power(short[] samples, double hz, int sampleRate) {
        Goertzel g = new Goertzel(hz, sampleRate);
        g.add(samples);
        return g.power();
    }
}
