package io.switchboard.phone.ui.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.PhoneEngine;

/**
 * Where the softphone's audio comes from and goes: the machine's microphones and speakers, and
 * for a console without them (a server room, a remote desktop) a test tone to send and a level
 * meter to see what is heard.
 */
final class AudioChoices {

    /** The test tone of telephony (ITU-T O.153's 1004 Hz): a test call's far end can measure it. */
    static final String TONE = "Test tone (1004 Hz)";
    static final String SILENCE = "Silence";
    static final String NO_SPEAKER = "No speaker (level meter only)";
    private static final double TONE_HZ = 1004;

    private AudioChoices() {
    }

    static List<String> sources(PhoneEngine engine) {
        List<String> out = new ArrayList<>(engine.microphones());
        out.add(TONE);
        out.add(SILENCE);
        return out;
    }

    static List<String> sinks(PhoneEngine engine) {
        List<String> out = new ArrayList<>(engine.speakers());
        out.add(NO_SPEAKER);
        return out;
    }

    static AudioSource source(PhoneEngine engine, String choice) {
        if (TONE.equals(choice)) {
            return engine.tone(TONE_HZ);
        }
        if (SILENCE.equals(choice) || choice == null || choice.isEmpty()) {
            return (frame, rate) -> Arrays.fill(frame, (short) 0);
        }
        return engine.microphone(choice);
    }

    /** @return the chosen speaker behind a level meter */
    static LevelMeter sink(PhoneEngine engine, String choice) {
        AudioSink speaker = NO_SPEAKER.equals(choice) || choice == null || choice.isEmpty() ? null
                : engine.speaker(choice);
        return new LevelMeter(speaker);
    }
}
