package io.switchboard.parking.core.internal;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;

/** What a parked caller hears: the built-in hold music, in a loop. */
final class Music extends ClipPlayer implements AudioSource {

    private static final Clip MUSIC = Clip.music(8000);

    Music() {
        loop();
    }

    private void loop() {
        play(this::loop, MUSIC);
    }
}
