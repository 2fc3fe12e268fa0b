package io.switchboard.voicemail.core.internal;

import java.util.Arrays;

import io.switchboard.media.audio.Clip;
import io.switchboard.phone.api.AudioSink;

/** What the caller says, kept in memory from {@link #start()} until {@link #clip()}, up to a length. */
final class Capture implements AudioSink {

    private final int maxSeconds;
    /** Told, once, that the longest a message may be was reached. */
    private final Runnable full;
    private short[] samples = new short[0];
    private int length;
    private int rate = 8000;
    private boolean capturing;

    Capture(int maxSeconds, Runnable full) {
        this.maxSeconds = maxSeconds;
        this.full = full;
    }

    /** Keeps what comes from now on, after what was kept before is dropped. */
    synchronized void start() {
        length = 0;
        capturing = true;
    }

    synchronized void stop() {
        capturing = false;
    }

    @Override
    public synchronized void write(short[] frame, int sampleRate) {
        if (!capturing) {
            return;
        }
        rate = sampleRate;
        if (length + frame.length > (long) maxSeconds * sampleRate) {
            capturing = false; // the longest a message may be
            full.run();
            return;
        }
        if (length + frame.length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + frame.length + sampleRate));
        }
        System.arraycopy(frame, 0, samples, length, frame.length);
        length += frame.length;
    }

    /** A recording: every frame that came, none dropped to keep a speaker's delay short. */
    @Override
    public boolean records() {
        return true;
    }

    synchronized Clip clip() {
        return new Clip(Arrays.copyOf(samples, length), rate);
    }
}
