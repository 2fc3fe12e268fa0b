package io.switchboard.conference.core.internal;

/**
 * The bridge's sample work on 20 ms frames, into arrays it is given (no allocation): every
 * participant is mixed at 16 kHz (wideband), narrowband ones are brought up to it and the mix
 * brought down to their rate, 48 kHz (Opus) ones down and up by three. Linear interpolation and
 * averaging: speech keeps its band, the bridge keeps its cost low.
 */
final class Pcm {

    /** Samples of a 20 ms frame at 16 kHz. */
    static final int WIDE = 320;

    private Pcm() {
    }

    /** @param frame 20 ms at {@code rate} @param wide filled with the same 20 ms at 16 kHz */
    static void toWide(short[] frame, int rate, short[] wide) {
        switch (rate) {
            case 16000 -> System.arraycopy(frame, 0, wide, 0, WIDE);
            case 8000 -> {
                for (int i = 0; i < WIDE / 2; i++) {
                    int next = i + 1 < WIDE / 2 ? frame[i + 1] : frame[i];
                    wide[2 * i] = frame[i];
                    wide[2 * i + 1] = (short) ((frame[i] + next) / 2);
                }
            }
            case 48000 -> {
                for (int i = 0; i < WIDE; i++) {
                    wide[i] = (short) ((frame[3 * i] + frame[3 * i + 1] + frame[3 * i + 2]) / 3);
                }
            }
            default -> throw new IllegalArgumentException("rate " + rate);
        }
    }

    /** @param mix 20 ms at 16 kHz, not yet clipped @param frame filled with it at {@code rate} */
    static void fromWide(int[] mix, int rate, short[] frame) {
        switch (rate) {
            case 16000 -> {
                for (int i = 0; i < WIDE; i++) {
                    frame[i] = clip(mix[i]);
                }
            }
            case 8000 -> {
                for (int i = 0; i < WIDE / 2; i++) {
                    frame[i] = clip((mix[2 * i] + mix[2 * i + 1]) / 2);
                }
            }
            case 48000 -> {
                for (int i = 0; i < WIDE; i++) {
                    int next = i + 1 < WIDE ? mix[i + 1] : mix[i];
                    frame[3 * i] = clip(mix[i]);
                    frame[3 * i + 1] = clip((2 * mix[i] + next) / 3);
                    frame[3 * i + 2] = clip((mix[i] + 2 * next) / 3);
                }
            }
            default -> throw new IllegalArgumentException("rate " + rate);
        }
    }

    /** @return the frame's mean absolute sample: about 30 for a quiet room, thousands for speech */
    static int level(short[] wide) {
        long sum = 0;
        for (short s : wide) {
            sum += Math.abs(s);
        }
        return (int) (sum / wide.length);
    }

    static short clip(int sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }
}
