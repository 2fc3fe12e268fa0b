package io.switchboard.queue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.media.audio.Clip;

/** What a caller in line is told: their place, the expected wait in minutes, the callback offer. */
class CallerAudioTest {

    private final QueuePrompts prompts = new QueuePrompts();

    @Test
    void theAnnouncementReadsThePlaceAndTheWaitInWords() {
        Waiting w = new Waiting("c1", "alice", Instant.EPOCH);
        w.position(42);
        w.expectedWaitSeconds(61);
        CallerAudio audio = new CallerAudio(w, prompts, () -> Clip.music(8000), 30, true, Clock.systemUTC());
        assertEquals(List.of(p("position"), p("n40"), p("n2"), p("wait"), p("n2"), p("minutes"), p("callback")),
                audio.announcement());
        w.position(1);
        w.expectedWaitSeconds(0);
        assertEquals(List.of(p("position"), p("n1")), new CallerAudio(w, prompts, () -> Clip.music(8000), 30, false,
                Clock.systemUTC())
                .announcement(), "no wait is said before the day's first calls give one");
    }

    @Test
    void anAdminsLongPieceIsPlayedInStretchesSoThatThePlaceIsSaidOnTime() {
        short[] samples = new short[25 * 8000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i / 8000); // each second its own value
        }
        CallerAudio audio = new CallerAudio(new Waiting("c1", "alice", Instant.EPOCH), prompts,
                () -> new Clip(samples, 8000), 30, false, Clock.systemUTC());
        Clip first = audio.stretch();
        Clip second = audio.stretch();
        Clip third = audio.stretch();
        assertEquals(List.of(10.0, 10.0, 5.0), List.of(first.seconds(), second.seconds(), third.seconds()));
        assertEquals(10, second.samples()[0], "the second stretch goes on where the first stopped");
        assertEquals(20, third.samples()[0]);
        assertEquals(0, audio.stretch().samples()[0], "after its end, the piece from its start");
    }

    @Test
    void everyShippedPromptPlays() {
        for (String name : List.of(QueuePrompts.WELCOME, QueuePrompts.CALLBACK, QueuePrompts.CALLBACK_TAKEN,
                QueuePrompts.CLOSED, QueuePrompts.LOGGED_IN, QueuePrompts.LOGGED_OUT, QueuePrompts.PAUSED,
                QueuePrompts.RESUMED, QueuePrompts.REFUSED, QueuePrompts.MINUTE)) {
            assertTrue(prompts.get(name).seconds() > 0.3, name);
        }
        for (int n = 0; n <= QueuePrompts.MAX_NUMBER; n++) {
            assertTrue(prompts.number(n).stream().mapToDouble(Clip::seconds).sum() > 0.2, "number " + n);
        }
    }

    private Clip p(String name) {
        return prompts.get(name);
    }
}
