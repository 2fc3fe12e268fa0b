package io.switchboard.media.audio;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * What the caller hears: clips played one after the other, then silence. A clip queued with a
 * callback runs it (off the audio thread's lock) once that clip has been played to its end.
 */
public class ClipPlayer {

    private record Queued(Clip clip, Runnable then) {
    }

    private final Deque<Queued> queue = new ArrayDeque<>();
    private Queued current;
    private long position;

    /** Plays the clips after what is queued; {@code then} (or null) runs when the last has been played. */
    public synchronized void play(Runnable then, Clip... clips) {
        for (int i = 0; i < clips.length; i++) {
            queue.add(new Queued(clips[i], i == clips.length - 1 ? then : null));
        }
    }

    /** Drops what is playing and queued: the caller pressed a key. */
    public synchronized void stop() {
        queue.clear();
        current = null;
    }

    /** Fills a frame at the rate the call's codec asks for (a clip of another rate gives its nearest samples). */
    public void read(short[] frame, int sampleRate) {
        Runnable done = null;
        synchronized (this) {
            for (int i = 0; i < frame.length; i++) {
                if (current == null) {
                    current = queue.poll();
                    position = 0;
                }
                if (current == null) {
                    Arrays.fill(frame, i, frame.length, (short) 0);
                    break;
                }
                frame[i] = current.clip().at(position++, sampleRate);
                if (position >= current.clip().length(sampleRate)) {
                    if (current.then() != null) {
                        done = current.then();
                    }
                    current = null;
                }
            }
        }
        if (done != null) {
            done.run();
        }
    }
}
