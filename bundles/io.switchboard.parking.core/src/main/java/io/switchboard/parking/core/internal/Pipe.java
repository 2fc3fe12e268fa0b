package io.switchboard.parking.core.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;

/**
 * One way of a retrieved call's audio on the phone engine: what one leg hears is what the other said, a frame or
 * two behind. The legs share a tick, so a few frames of slack are enough; a leg of another rate (Opus against G.711)
 * gets the nearest samples.
 */
final class Pipe implements AudioSink, AudioSource {

    /** Frames kept before the oldest is dropped: 60 ms. */
    private static final int SLACK = 3;

    private record Frame(short[] samples, int rate) {
    }

    private final Deque<Frame> frames = new ArrayDeque<>();

    @Override
    public synchronized void write(short[] frame, int sampleRate) {
        if (frames.size() == SLACK) {
            frames.poll();
        }
        frames.add(new Frame(frame.clone(), sampleRate));
    }

    @Override
    public void read(short[] frame, int sampleRate) {
        Frame f;
        synchronized (this) {
            f = frames.poll();
        }
        if (f == null) {
            Arrays.fill(frame, (short) 0);
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            int j = (int) ((long) i * f.rate() / sampleRate);
            frame[i] = j < f.samples().length ? f.samples()[j] : 0;
        }
    }
}
