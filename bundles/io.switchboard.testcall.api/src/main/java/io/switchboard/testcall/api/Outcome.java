package io.switchboard.testcall.api;

import java.util.Locale;

/** How a test call went. */
public enum Outcome {
    /** Answered, the audio heard as expected, MOS at or above the schedule's minimum. */
    PASSED,
    /** Refused with a final SIP answer (4xx to 6xx) or by the routing. */
    REJECTED,
    /** Not answered within the schedule's time. */
    NO_ANSWER,
    /** Answered, but the expected audio did not arrive. */
    NO_AUDIO,
    /** Answered with audio, but its MOS below the schedule's minimum. */
    POOR_QUALITY,
    /** The server could not place it (no phone engine, no SIP port): not the trunk's fault. */
    ERROR;

    public boolean passed() {
        return this == PASSED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return id();
    }
}
