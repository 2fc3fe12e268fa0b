package io.switchboard.conference.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.MediaLeg;

class SilentMembersTest {

    private static final String TALKING = "v=0\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    private static final String HELD = TALKING + "a=inactive\r\n";
    private static final long SECOND = 1_000_000_000L;

    private long now;
    private final List<String> ended = new ArrayList<>();

    @Test
    void aPhoneWhoseAudioStopsIsEndedOnceAfterTheTimeout() {
        SilentMembers silent = new SilentMembers(30, () -> now, () -> null);
        Leg leg = new Leg();
        silent.joined("c1", TALKING);
        for (int s = 0; s < 20; s++) {
            leg.packets += 50;
            tick(silent, leg);
        }
        for (int s = 0; s < 30; s++) {
            tick(silent, leg);
        }
        assertEquals(List.of(), ended, "30 s of silence is not yet past the timeout");
        tick(silent, leg);
        assertEquals(List.of("c1"), ended);
        tick(silent, leg);
        assertEquals(List.of("c1"), ended, "ended once");
    }

    @Test
    void aPhoneOnHoldSendsNothingAndStaysUntilItResumes() {
        SilentMembers silent = new SilentMembers(5, () -> now, () -> null);
        Leg leg = new Leg();
        silent.joined("c1", TALKING);
        leg.packets = 100;
        tick(silent, leg);
        silent.reoffered("c1", HELD);
        for (int s = 0; s < 60; s++) {
            tick(silent, leg);
        }
        assertEquals(List.of(), ended, "a minute on hold");
        silent.reoffered("c1", TALKING);
        for (int s = 0; s < 5; s++) {
            tick(silent, leg);
        }
        assertEquals(List.of(), ended, "the timeout counts from the resume");
        tick(silent, leg);
        assertEquals(List.of("c1"), ended, "resumed, yet silent");
    }

    @Test
    void packetsFromAPhoneOnHoldMeanItResumed() {
        SilentMembers silent = new SilentMembers(5, () -> now, () -> null);
        Leg leg = new Leg();
        silent.joined("c1", HELD);
        for (int s = 0; s < 20; s++) {
            tick(silent, leg);
        }
        leg.packets = 10; // resumed by a re-INVITE without SDP: its new offer came in the ACK
        tick(silent, leg);
        for (int s = 0; s < 5; s++) {
            tick(silent, leg);
        }
        assertEquals(List.of(), ended);
        tick(silent, leg);
        assertEquals(List.of("c1"), ended, "resumed, then silent");
    }

    @Test
    void aCallerWhoLeftOrATimeoutOfZeroEndsNothing() {
        SilentMembers never = new SilentMembers(0, () -> now, () -> null);
        SilentMembers silent = new SilentMembers(2, () -> now, () -> null);
        Leg leg = new Leg();
        never.joined("c1", TALKING);
        silent.joined("c1", TALKING);
        silent.left("c1");
        for (int s = 0; s < 10; s++) {
            tick(never, leg);
            tick(silent, leg);
        }
        assertEquals(List.of(), ended);
    }

    @Test
    void anOfferSendsUnlessItsAudioSaysOtherwise() {
        assertTrue(SilentMembers.sends(TALKING));
        assertTrue(SilentMembers.sends(TALKING + "a=sendonly\r\n"), "a phone holding with music still sends");
        assertFalse(SilentMembers.sends(HELD));
        assertFalse(SilentMembers.sends(TALKING + "a=recvonly\r\n"));
        assertFalse(SilentMembers.sends("v=0\r\na=inactive\r\nm=audio 4000 RTP/AVP 0\r\n"), "the session's");
        assertTrue(SilentMembers.sends("v=0\r\na=inactive\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n"),
                "the audio's own overrides the session's");
        assertTrue(SilentMembers.sends(TALKING + "m=video 4002 RTP/AVP 96\r\na=inactive\r\n"), "not the video's");
        assertFalse(SilentMembers.sends("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n"), "RFC 2543 hold");
        assertFalse(SilentMembers.sends("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 0 RTP/AVP 0\r\n"), "audio refused");
        assertTrue(SilentMembers.sends("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 0 RTP/AVP 0\r\nm=audio 4000 RTP/AVP 0\r\n"),
                "a refused stream kept in a new offer, the next one in use");
        assertTrue(SilentMembers.sends("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.5\r\n"),
                "the stream's own address overrides the session's");
        assertFalse(SilentMembers.sends("v=0\r\nc=IN IP6 ::\r\nm=audio 4000 RTP/AVP 0\r\n"), "IPv6 hold");
    }

    @Test
    void aParticipantTheRoomCalledIsWatchedFromItsAnswerAndLeftAloneWhileItHolds() {
        SilentMembers silent = new SilentMembers(5, () -> now, () -> null);
        Leg leg = new Leg();
        silent.called("c1");
        leg.packets = 100;
        tick(silent, leg);
        boolean[] held = { true };
        for (int s = 0; s < 60; s++) {
            tick(silent, leg, held[0]);
        }
        assertEquals(List.of(), ended, "a minute held by its far end");
        held[0] = false;
        for (int s = 0; s < 5; s++) {
            tick(silent, leg, held[0]);
        }
        assertEquals(List.of(), ended, "the timeout counts from the resume");
        tick(silent, leg, held[0]);
        assertEquals(List.of("c1"), ended, "resumed, yet silent");
    }

    private void tick(SilentMembers silent, Leg leg) {
        tick(silent, leg, false);
    }

    private void tick(SilentMembers silent, Leg leg, boolean held) {
        now += SECOND;
        silent.check(id -> id.equals("c1") ? leg.stats() : null, id -> held, ended::add);
    }

    /** A media leg whose received packets the test counts. */
    private static final class Leg implements MediaLeg {

        long packets;

        @Override
        public String sdpAnswer() {
            return "";
        }

        @Override
        public void audio(AudioSource source, AudioSink sink) {
        }

        @Override
        public CallStats stats() {
            return new CallStats("PCMU", 0, packets, 0, 0, null, 0, 0, 0);
        }

        @Override
        public long strangers() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
