package io.switchboard.paging.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The caller's voice to every member, the chime to the caller, and an intercom's way back. */
class PagerAudioTest {

    @Test
    void theCallersFramesReachEveryMemberAtTheMembersRate() {
        Lane a = new Lane();
        Lane b = new Lane();
        PagerAudio audio = new PagerAudio(List.of(a, b), false, true, () -> true);
        short[] spoken = new short[160];
        for (int i = 0; i < spoken.length; i++) {
            spoken[i] = (short) (i * 10);
        }
        audio.write(spoken, 8000);
        short[] heardA = new short[160];
        a.read(heardA, 8000);
        assertArrayEquals(spoken, heardA);
        short[] wide = new short[320];
        b.read(wide, 16000);
        assertEquals(spoken[1], wide[2], "each sample twice at 16 kHz");
        short[] nothing = new short[160];
        a.read(nothing, 8000);
        assertArrayEquals(new short[160], nothing, "silence once the caller's frames are heard");
    }

    @Test
    void aMemberThatLagsHearsOnlyTheNewestFrames() {
        Lane lane = new Lane();
        PagerAudio audio = new PagerAudio(List.of(lane), false, true, () -> true);
        for (int i = 1; i <= 8; i++) {
            short[] f = new short[160];
            f[0] = (short) i;
            audio.write(f, 8000);
        }
        short[] first = new short[160];
        lane.read(first, 8000);
        assertEquals(4, first[0], "five frames are kept: 4 to 8");
    }

    @Test
    void theCallerHearsTheChimeOnceThenSilenceAndInAnIntercomTheMembers() {
        Lane member = new Lane();
        PagerAudio page = new PagerAudio(List.of(member), false, true, () -> true);
        short[] frame = new short[160];
        page.read(frame, 8000);
        assertArrayEquals(new short[160], frame, "no chime before a phone answered");
        page.chime();
        int loud = 0;
        for (int i = 0; i < 40; i++) {
            page.read(frame, 8000);
            loud += peak(frame) > 4000 ? 1 : 0;
        }
        assertEquals(30, loud, "600 ms of chime in 800 ms");
        page.chime();
        page.read(frame, 8000);
        assertArrayEquals(new short[160], frame, "once only");

        PagerAudio intercom = new PagerAudio(List.of(member), true, false, () -> true);
        short[] said = new short[160];
        said[5] = 1234;
        member.write(said, 8000);
        intercom.read(frame, 8000);
        assertEquals(1234, frame[5], "the member is heard");
        intercom.read(frame, 8000);
        assertTrue(frame[5] == 0, "each frame of theirs once");
    }

    @Test
    void theChimeWaitsUntilTheCallersAudioReachesThePageOrTwoSecondsAtMost() {
        AtomicBoolean heard = new AtomicBoolean();
        PagerAudio page = new PagerAudio(List.of(new Lane()), false, true, heard::get);
        page.chime();
        short[] frame = new short[160];
        for (int i = 0; i < 10; i++) {
            page.read(frame, 8000);
            assertEquals(0, peak(frame), "no chime while the caller's phone may not have the answer yet");
        }
        heard.set(true);
        page.read(frame, 8000);
        assertTrue(peak(frame) > 4000, "the chime once the caller is heard");

        PagerAudio silent = new PagerAudio(List.of(new Lane()), false, true, () -> false);
        silent.chime();
        int quiet = 0;
        do {
            silent.read(frame, 8000);
        } while (peak(frame) == 0 && ++quiet < 1000);
        assertEquals(PagerAudio.HEARD_WAIT_MS / 20, quiet, "a caller who sends nothing hears it after two seconds");
    }

    private static int peak(short[] frame) {
        int peak = 0;
        for (short s : frame) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
