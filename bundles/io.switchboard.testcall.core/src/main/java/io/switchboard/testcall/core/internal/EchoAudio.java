package io.switchboard.testcall.core.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;

/**
 * An echo: what the call hears goes back to it, 20 ms later. The probe phone answers the calls that
 * come back in on a number of the inventory with it, so a test call that loops out through a
 * carrier and back hears its own tone as from an echo test number.
 */
final class EchoAudio implements AudioSource, AudioSink {

    private final BlockingQueue<short[]> frames = new ArrayBlockingQueue<>(25);

    @Override
    public void write(short[] frame, int sampleRate) {
        if (!frames.offer(frame.clone())) {
            frames.poll();
            frames.offer(frame.clone());
        }
    }

    @Override
    public void read(short[] frame, int sampleRate) {
        short[] heard = frames.poll();
        if (heard != null) {
            System.arraycopy(heard, 0, frame, 0, Math.min(heard.length, frame.length));
        }
    }
}
