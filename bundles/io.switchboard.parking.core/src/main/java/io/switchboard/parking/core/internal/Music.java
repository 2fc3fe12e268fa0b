package io.switchboard.parking.core.internal;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;

/** What a parked caller hears: the lot's music class, in a loop. */
final class Music extends ClipPlayer implements AudioSource {

    private final Clip music;

    Music(Clip music) {
        this.music = music;
        loop();
    }

    private void loop() {
        play(this::loop, music);
    }
}
