package io.switchboard.media.audio;

import java.util.Arrays;

/**
 * What a caller says, kept in memory from {@link #start()} until {@link #clip()}, up to a length: a voice message,
 * a greeting or a prompt recorded from a phone.
 *
 * @since 1.4
 */
public class ClipRecorder {

    private final int maxSeconds;
    /** Told, once, that the longest a recording may be was reached. */
    private final Runnable full;
    private short[] samples = new short[0];
    private int length;
    private int rate = 8000;
    private boolean capturing;

    public ClipRecorder(int maxSeconds, Runnable full) {
        this.maxSeconds = maxSeconds;
        this.full = full;
    }

    /** Keeps what comes from now on, after what was kept before is dropped. */
    public synchronized void start() {
        length = 0;
        capturing = true;
    }

    public synchronized void stop() {
        capturing = false;
    }

    /** One frame of what the caller says, at its rate: kept while recording. */
    public void write(short[] frame, int sampleRate) {
        synchronized (this) {
            if (!capturing) {
                return;
            }
            rate = sampleRate;
            if (length + frame.length <= (long) maxSeconds * sampleRate) {
                if (length + frame.length > samples.length) {
                    samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + frame.length + sampleRate));
                }
                System.arraycopy(frame, 0, samples, length, frame.length);
                length += frame.length;
                return;
            }
            capturing = false; // the longest a recording may be
        }
        full.run(); // outside the lock: what it does may stop or read this recorder from another thread
    }

    /** @return what was kept */
    public synchronized Clip clip() {
        return new Clip(Arrays.copyOf(samples, length), rate);
    }
}
