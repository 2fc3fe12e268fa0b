package io.switchboard.queue.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.MediaLeg;

/**
 * What a caller in line hears: the welcome, then the queue's music in a loop; between two stretches of music, once
 * the queue's interval has passed, their place in line, the expected wait and the callback offer, then the music
 * where it stopped. A caller handed to an agent hears the music until the agent answers.
 */
final class CallerAudio extends ClipPlayer implements AudioSource {

    /** The longest stretch of music between two chances to announce: an admin's piece may last minutes. */
    static final int STRETCH_SECONDS = 10;

    private final Waiting caller;
    private final Supplier<Clip> music;
    private int musicAt;
    private final QueuePrompts prompts;
    private final int announceSeconds;
    private final boolean callback;
    private final Clock clock;
    private Instant announced;
    private volatile boolean stopped;
    private volatile MediaLeg leg;

    /** @param music the queue's music class as it is now: asked at each stretch, so that a change is heard */
    CallerAudio(Waiting caller, QueuePrompts prompts, Supplier<Clip> music, int announceSeconds, boolean callback,
            Clock clock) {
        this.caller = caller;
        this.music = music;
        this.prompts = prompts;
        this.announceSeconds = announceSeconds;
        this.callback = callback;
        this.clock = clock;
    }

    void start(MediaLeg answered) {
        this.leg = answered;
        announced = clock.instant();
        List<Clip> first = new ArrayList<>(List.of(prompts.get(QueuePrompts.WELCOME)));
        if (callback) {
            first.add(prompts.get(QueuePrompts.CALLBACK));
        }
        play(this::loop, first.toArray(Clip[]::new));
    }

    /** Runs when the last clip has been played: the music again, or the announcement that is due first. */
    private void loop() {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        if (announceSeconds > 0 && caller.ringing() == null && !now.isBefore(announced.plusSeconds(announceSeconds))) {
            announced = now;
            play(this::loop, announcement().toArray(Clip[]::new));
            return;
        }
        play(this::loop, stretch());
    }

    /** @return the music's next stretch, from where the last one stopped; after its end, its start again */
    Clip stretch() {
        Clip now = music.get();
        short[] all = now.samples();
        if (musicAt >= all.length) {
            musicAt = 0; // the class changed meanwhile, to a shorter one
        }
        int end = Math.min(all.length, musicAt + STRETCH_SECONDS * now.rate());
        Clip next = new Clip(Arrays.copyOfRange(all, musicAt, end), now.rate());
        musicAt = end == all.length ? 0 : end;
        return next;
    }

    /** @return "you are caller number three; your expected wait is about two minutes; to keep your place ..." */
    List<Clip> announcement() {
        List<Clip> out = new ArrayList<>();
        out.add(prompts.get(QueuePrompts.POSITION));
        out.addAll(prompts.number(caller.position()));
        int minutes = (int) Math.ceil(caller.expectedWaitSeconds() / 60.0);
        if (minutes > 0) {
            out.add(prompts.get(QueuePrompts.WAIT));
            out.addAll(prompts.number(minutes));
            out.add(prompts.get(minutes == 1 ? QueuePrompts.MINUTE : QueuePrompts.MINUTES));
        }
        if (callback) {
            out.add(prompts.get(QueuePrompts.CALLBACK));
        }
        return out;
    }

    /** Says one thing more, then runs {@code then} (the caller who chose a callback is told so, then hung up). */
    void sayThen(String prompt, Runnable then) {
        stopped = true;
        stop();
        play(then, prompts.get(prompt));
    }

    void close() {
        stopped = true;
        stop();
        MediaLeg l = leg;
        if (l != null) {
            l.close();
        }
    }
}
