package io.switchboard.conference.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.switchboard.conference.api.Room;

/**
 * A room with people in it: its members, and each one's mix of the others. Lives in memory on the
 * server that took the calls, while anyone is in it; the room's settings come from the database.
 */
final class Bridge {

    final String number;
    private volatile Room room;
    final List<Member> members = new CopyOnWriteArrayList<>();

    Bridge(Room room) {
        this.number = room.number();
        this.room = room;
    }

    Room room() {
        return room;
    }

    void room(Room changed) {
        this.room = changed;
    }

    /** Adds everyone else's voice to {@code mix} (16 kHz): the member never hears itself. */
    void mixFor(Member me, int[] mix) {
        for (Member m : members) {
            if (m != me && m.in && !m.muted) {
                short[] s = m.said;
                for (int i = 0; i < Pcm.WIDE; i++) {
                    mix[i] += s[i];
                }
            }
        }
    }

    /** @return whether the member waits for a moderator: it hears nobody and nobody hears it */
    boolean waiting(Member m) {
        if (!room.waitForModerator() || m.moderator) {
            return false;
        }
        for (Member other : members) {
            if (other.moderator && other.in) {
                return false;
            }
        }
        return true;
    }

    /** The member entered (after its PIN): the others hear it come, when the room has tones. */
    void enter(Member m) {
        m.joined = Instant.now();
        m.in = true;
        tones(m, true);
    }

    void leave(Member m) {
        members.remove(m);
        if (m.in) {
            tones(m, false);
        }
    }

    private void tones(Member who, boolean joining) {
        if (!room.tones()) {
            return;
        }
        for (Member m : members) {
            if (m != who && m.in) {
                m.tone(joining);
            }
        }
    }

    /** @return how many are in (or typing their PIN) */
    int size() {
        return members.size();
    }
}
