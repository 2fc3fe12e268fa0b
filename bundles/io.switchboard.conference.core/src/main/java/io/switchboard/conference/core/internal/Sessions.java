package io.switchboard.conference.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.switchboard.conference.api.Room;
import io.switchboard.conference.api.Session;
import io.switchboard.sip.api.CallControl;

/**
 * What stays of each conference: its summary in the database, its participants' call records naming
 * it, and the recording of its mix (under {@code data/conference/<number>/}) for a recorded room.
 * Writes happen on the service's worker, off the audio and SIP threads.
 */
final class Sessions {

    private static final Logger LOG = System.getLogger(Sessions.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final SessionTable table;
    private final Path folder;
    private final Executor worker;
    private final Supplier<CallControl> calls;

    Sessions(SessionTable table, Path folder, Executor worker, Supplier<CallControl> calls) {
        this.table = table;
        this.folder = folder;
        this.worker = worker;
        this.calls = calls;
    }

    /** A room's first caller opens its bridge, and its recording when the room is recorded. */
    Bridge open(Room room, Runnable videoChanged) {
        Bridge b = new Bridge(room, videoChanged);
        if (room.record()) {
            Path file = folder.resolve(room.number()).resolve(STAMP.format(LocalDateTime.now()) + ".wav");
            try {
                b.record(new MixRecording(file));
                LOG.log(Level.INFO, "Room " + room.number() + " recorded in " + file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Room " + room.number() + " cannot be recorded: " + e.getMessage());
            }
        }
        return b;
    }

    /** {@code m} is in: the conference starts with its first, and {@code m}'s record names it. */
    void joined(Bridge bridge, Member m) {
        String conference = bridge.session(Instant.now());
        Instant started = bridge.sessionStarted();
        int inNow = bridge.in();
        worker.execute(() -> {
            try {
                table.joined(conference, m.number(), started, inNow);
            } catch (IllegalStateException e) {
                LOG.log(Level.WARNING, e.getMessage());
            }
            CallControl c = calls.get();
            if (c == null || !c.tag(m.callId, "conference", conference) || !c.tag(m.callId, "room", m.number())) {
                LOG.log(Level.WARNING, "The record of call " + m.callId + " cannot name conference " + conference
                        + (c == null ? ": the switch is not there" : ": the call is over"));
            }
        });
    }

    /** The last one left (or the server stops): the recording is complete, the summary gets its end. */
    void closed(Bridge b) {
        b.stopRecording();
        String conference = b.sessionId();
        if (conference != null) {
            try {
                table.ended(conference, Instant.now());
            } catch (IllegalStateException e) {
                LOG.log(Level.WARNING, e.getMessage());
            }
        }
    }

    List<Session> latest(String room, int limit) {
        return table.latest(room, limit);
    }
}
