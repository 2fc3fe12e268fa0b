package io.switchboard.voicemail.core.internal;

import io.switchboard.media.audio.ClipRecorder;
import io.switchboard.phone.api.AudioSink;

/** What the caller says, kept in memory from {@link #start()} until {@link #clip()}, up to a length. */
final class Capture extends ClipRecorder implements AudioSink {

    Capture(int maxSeconds, Runnable full) {
        super(maxSeconds, full);
    }

    /** A recording: every frame that came, none dropped to keep a speaker's delay short. */
    @Override
    public boolean records() {
        return true;
    }
}
