package io.switchboard.voicemail.core.internal;

import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;

/** The clips a voicemail caller hears, as the phone engine's source of the call's audio. */
final class Player extends ClipPlayer implements AudioSource {
}
