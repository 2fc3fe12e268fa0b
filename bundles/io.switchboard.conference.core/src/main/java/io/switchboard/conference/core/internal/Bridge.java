package io.switchboard.conference.core.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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
    /** The members as an array, for the tick's sum to walk without an iterator. */
    private volatile Member[] roster = new Member[0];
    /** Everyone's video: the talker's shown to the others. */
    final VideoSwitch video;
    /** The room's mix on disk while it is recorded, else null. */
    private volatile MixRecording recording;
    private volatile String sessionId;
    private volatile Instant sessionStarted;
    /** Everyone's voice of this tick summed once; each member hears it less their own (mix-minus). */
    private final int[] all = new int[Pcm.WIDE];
    private final short[] mixed = new short[Pcm.WIDE];
    /** Someone said something since {@link #all} was summed: the room's members share a tick thread. */
    private volatile boolean said = true;

    Bridge(Room room) {
        this(room, () -> {
        });
    }

    /** @param videoChanged told when whose video is shown changes */
    Bridge(Room room, Runnable videoChanged) {
        this.number = room.number();
        this.room = room;
        this.video = new VideoSwitch(videoChanged);
    }

    /** Shows the video of whoever talks now, when the one shown has stopped. */
    void followTalker() {
        video.follow(leg -> {
            for (Member m : members) {
                if (m.video == leg) {
                    return m.talking();
                }
            }
            return false;
        });
    }

    Room room() {
        return room;
    }

    void room(Room changed) {
        this.room = changed;
    }

    /** A member's frame of this tick came in: the room's sum is worked out again at the next mix. */
    void said() {
        said = true;
    }

    /** Adds everyone else's voice to {@code mix} (16 kHz): the member never hears itself. */
    void mixFor(Member me, int[] mix) {
        sum();
        short[] own = me.said;
        if (me.counted) {
            for (int i = 0; i < Pcm.WIDE; i++) {
                mix[i] += all[i] - own[i];
            }
        } else {
            for (int i = 0; i < Pcm.WIDE; i++) {
                mix[i] += all[i];
            }
        }
    }

    /** Puts a member in the room (not yet past its PIN). */
    void add(Member m) {
        members.add(m);
        roster = members.toArray(new Member[0]);
    }

    /** Sums the voices of everyone in and not muted, once per tick as every member's frame is in before the first mix. */
    private void sum() {
        if (!said) {
            return;
        }
        said = false;
        Arrays.fill(all, 0);
        for (Member x : roster) {
            x.counted = x.in && !x.muted;
            if (x.counted) {
                short[] s = x.said;
                for (int i = 0; i < Pcm.WIDE; i++) {
                    all[i] += s[i];
                }
            }
        }
    }

    void record(MixRecording to) {
        recording = to;
    }

    /**
     * Called by each member as it is about to hear its frame: the first member of the room writes
     * what everyone said in it to the recording, once per 20 ms.
     */
    void tick(Member m) {
        MixRecording r = recording;
        if (r == null || first() != m) {
            return;
        }
        sum();
        for (int i = 0; i < Pcm.WIDE; i++) {
            mixed[i] = Pcm.clip(all[i]);
        }
        r.write(mixed);
    }

    /** @return the member who has been in the room longest, or null: read without a race against the last leaving */
    private Member first() {
        for (Member x : members) {
            return x;
        }
        return null;
    }

    /** The room emptied: its recording is completed. */
    void stopRecording() {
        MixRecording r = recording;
        recording = null;
        if (r != null) {
            r.close();
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

    /** @return the conference's id, made when its first member enters */
    synchronized String session(Instant now) {
        if (sessionId == null) {
            sessionId = UUID.randomUUID().toString();
            sessionStarted = now;
        }
        return sessionId;
    }

    /** @return the conference's id, or null before anyone entered */
    String sessionId() {
        return sessionId;
    }

    Instant sessionStarted() {
        return sessionStarted;
    }

    /** @return how many are in the room, past the PIN */
    int in() {
        int n = 0;
        for (Member m : members) {
            if (m.in) {
                n++;
            }
        }
        return n;
    }

    /**
     * The member entered (after its PIN): the others hear it come, when the room has tones, and its
     * video joins the room's.
     */
    void enter(Member m) {
        m.joined = Instant.now();
        m.in = true;
        tones(m, true);
        VideoLeg v = m.video;
        if (v != null) {
            video.add(v); // only past the PIN: nobody sees the room before they may
        }
    }

    void leave(Member m) {
        members.remove(m);
        roster = members.toArray(new Member[0]);
        if (m.in) {
            tones(m, false);
        }
        VideoLeg v = m.video;
        if (v != null) {
            video.remove(v);
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
