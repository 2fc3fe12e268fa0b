package io.switchboard.parking.core.internal;

import java.util.function.Supplier;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;

/** What a parked caller hears: the lot's music class, in a loop, as the class is at each loop's start. */
final class Music extends ClipPlayer implements AudioSource {

    private final Supplier<Clip> music;

    Music(Supplier<Clip> music) {
        this.music = music;
        loop();
    }

    private void loop() {
        play(this::loop, music.get());
    }
}
