package io.switchboard.conference.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.switchboard.conference.api.Room;

class BridgeTest {

    private static final Room OPEN = new Room("7001", "test", null, null, 0, false, false, false);

    /** A frame of a constant value: what each member says is told apart by its level. */
    private static short[] level(int samples, int value) {
        short[] f = new short[samples];
        Arrays.fill(f, (short) value);
        return f;
    }

    private static Member join(Bridge b, String id) {
        Member m = new Member(b, id, id, null);
        b.add(m);
        b.enter(m);
        return m;
    }

    @Test
    void eachHearsTheOthersButNotItselfAtItsOwnRate() {
        Bridge b = new Bridge(OPEN);
        Member narrow = join(b, "a");
        Member wide = join(b, "b");
        Member opus = join(b, "c");
        narrow.write(level(160, 1000), 8000);
        wide.write(level(320, 2000), 16000);
        opus.write(level(960, 4000), 48000);

        short[] heard8 = new short[160];
        narrow.read(heard8, 8000);
        assertEquals(6000, heard8[10], "b and c, not a's own 1000");
        short[] heard16 = new short[320];
        wide.read(heard16, 16000);
        assertEquals(5000, heard16[10]);
        short[] heard48 = new short[960];
        opus.read(heard48, 48000);
        assertEquals(3000, heard48[30]);
        assertTrue(narrow.talking() && wide.talking() && opus.talking());
    }

    @Test
    void aMutedMemberIsNotHeardAndTheMixIsClipped() {
        Bridge b = new Bridge(OPEN);
        Member a = join(b, "a");
        Member loud1 = join(b, "b");
        Member loud2 = join(b, "c");
        loud1.write(level(320, 30000), 16000);
        loud2.write(level(320, 30000), 16000);
        short[] heard = new short[320];
        a.read(heard, 16000);
        assertEquals(Short.MAX_VALUE, heard[0], "two loud voices are clipped, not wrapped around");
        loud2.muted = true;
        loud2.write(level(320, 30000), 16000);
        a.read(heard, 16000);
        assertEquals(30000, heard[0]);
        assertFalse(loud2.talking());
    }

    @Test
    void withoutAModeratorTheParticipantsWaitInSilence() {
        Bridge b = new Bridge(new Room("7002", "waits", null, "4321", 0, true, false, false));
        Member a = join(b, "a");
        Member c = join(b, "c");
        c.write(level(320, 2000), 16000);
        short[] heard = new short[320];
        a.read(heard, 16000);
        assertEquals(0, heard[0], "nobody heard until the moderator comes");
        assertTrue(b.waiting(a));
        Member boss = new Member(b, "m", "m", null);
        boss.moderator = true;
        b.add(boss);
        b.enter(boss);
        c.write(level(320, 2000), 16000);
        a.read(heard, 16000);
        assertEquals(2000, heard[0]);
    }

    @Test
    void joiningAndLeavingAreHeardAsTonesWhenTheRoomHasThem() {
        Bridge b = new Bridge(new Room("7003", "tones", null, null, 0, false, true, false));
        Member a = join(b, "a");
        join(b, "b");
        short[] heard = new short[320];
        a.read(heard, 16000);
        assertTrue(Pcm.level(heard) > 1000, "a hears b come in");
    }

    @Test
    void pinsDecideWhoEnters() {
        Room room = new Room("7004", "pins", "1234", "9876", 0, false, false, false);
        PinEntry e = new PinEntry(new PinGuard.Caller("192.0.2.7", false));
        for (char c : "1111".toCharArray()) {
            e.digit(c, room);
        }
        assertEquals(PinEntry.Outcome.WRONG, e.digit('#', room));
        "9876".chars().forEach(c -> e.digit(c, room));
        assertEquals(PinEntry.Outcome.MODERATOR, e.digit('#', room));
        "1234".chars().forEach(c -> e.digit(c, room));
        assertEquals(PinEntry.Outcome.PARTICIPANT, e.digit('#', room));
        assertEquals(PinEntry.Outcome.WRONG, e.digit('#', room));
        assertEquals(PinEntry.Outcome.REFUSED, e.digit('#', room), "the third wrong try ends the call");
        Room moderatorOnly = new Room("7005", "m", null, "9876", 0, false, false, false);
        assertEquals(PinEntry.Outcome.PARTICIPANT, new PinEntry(new PinGuard.Caller("192.0.2.7", false)).digit('#', moderatorOnly), "# alone: a participant");
    }
}
