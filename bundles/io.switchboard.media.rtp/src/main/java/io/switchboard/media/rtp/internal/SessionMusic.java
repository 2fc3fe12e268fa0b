package io.switchboard.media.rtp.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import io.switchboard.media.api.Leg;
import io.switchboard.media.audio.Codec;

/**
 * The hold music of one call: a leg the other holds hears the relay's music instead of the holder's packets, in
 * G.711 (the relay does not encrypt: none on SRTP); the holder's resume gives it the holder's packets again.
 */
final class SessionMusic {

    private static final Logger LOG = System.getLogger(SessionMusic.class.getName());

    private final String callId;
    /** The music each leg hears while the other holds it, or null. */
    private final HoldMusic.Player[] playing = new HoldMusic.Player[2];
    /** The switch's user on each leg, or null: the held party hears the holder's music class. */
    private final String[] users = new String[2];

    SessionMusic(String callId) {
        this.callId = callId;
    }

    synchronized void user(Leg leg, String user) {
        users[leg.ordinal()] = user;
    }

    /** After each offer or answer: starts or stops each leg's music as the other's SDP holds or resumes. */
    synchronized void update(HoldMusic music, RelayStream audio) {
        if (music == null || audio == null) {
            return;
        }
        for (Leg leg : Leg.values()) {
            int to = leg.ordinal();
            int holder = 1 - to;
            boolean play = audio.holds[holder] && audio.g711[to] >= 0 && !audio.encrypted;
            if (play && playing[to] == null) {
                Codec codec = audio.payloadTypes[audio.g711[to]];
                playing[to] = music.start(audio.rtp[to], audio.g711[to], codec != null && codec.name().equals("PCMA"),
                        users[holder]);
                LOG.log(Level.DEBUG, "Call " + callId + ": hold music to leg " + leg);
            } else if (!play && playing[to] != null) {
                music.stop(playing[to]);
                playing[to] = null;
            }
            audio.muted[holder] = play;
        }
    }

    synchronized void stop(HoldMusic music) {
        for (int i = 0; i < playing.length; i++) {
            if (playing[i] != null && music != null) {
                music.stop(playing[i]);
            }
            playing[i] = null;
        }
    }
}
