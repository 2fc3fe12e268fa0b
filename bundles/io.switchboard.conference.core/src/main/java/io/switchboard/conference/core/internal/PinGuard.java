package io.switchboard.conference.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * Wrong PINs counted across calls, so that a guesser who opens many calls at once gets no more tries
 * than one caller would. Per source (the address a user's call came from; for a call from a trunk,
 * the trunk and the caller's number): too many wrong PINs in the window, in any room, and PIN entry
 * is closed to that source, the right PIN refused too, until the lockout ends. Per room: too many
 * wrong PINs from anywhere, and the room's PIN entry is closed to callers from trunks, whose
 * numbers cost nothing to change; the switch's own users still enter, each held by its own
 * source's count, so that an outside guesser cannot lock the staff out of their meeting. Each
 * lockout ends on its own, is logged when it begins and is shown in the room's JSON. In memory:
 * each server counts the calls it takes.
 */
final class PinGuard {

    private static final Logger LOG = System.getLogger(PinGuard.class.getName());

    /** The limits, from {@link ConferenceSettings}. */
    record Limits(int perRoom, int perSource, Duration window, Duration lockout) {

        /** @throws IllegalArgumentException naming the setting that is wrong */
        static Limits of(ConferenceSettings s) {
            if (s.pinFailuresPerRoom() < 1 || s.pinFailuresPerSource() < 1 || s.pinWindowSeconds() < 1
                    || s.pinLockoutSeconds() < 1) {
                throw new IllegalArgumentException("Invalid setting " + ConferenceSettings.PID + " pinFailuresPerRoom="
                        + s.pinFailuresPerRoom() + ", pinFailuresPerSource=" + s.pinFailuresPerSource()
                        + ", pinWindowSeconds=" + s.pinWindowSeconds() + ", pinLockoutSeconds=" + s.pinLockoutSeconds()
                        + ": each 1 or more");
            }
            return new Limits(s.pinFailuresPerRoom(), s.pinFailuresPerSource(), Duration.ofSeconds(
                    s.pinWindowSeconds()), Duration.ofSeconds(s.pinLockoutSeconds()));
        }
    }

    /** Who types a PIN: where the call came from, and whether it came from a trunk. */
    record Caller(String source, boolean outside) {
    }

    /**
     * @return who calls: a user's call by the address its SIP came from (the user's name when the
     *         switch does not say), a call from a trunk by the trunk and the caller's number, since the
     *         carrier's address is every outside caller's
     */
    static Caller caller(TargetCall call) {
        if (call.trunk() != null) {
            return new Caller("trunk " + call.trunk() + " caller " + call.caller(), true);
        }
        return new Caller(call.source() != null ? call.source() : "user " + call.caller(), false);
    }

    /** A lockout in force, as the admin sees it. */
    record Lockout(String source, Instant until, int wrongPins) {
    }

    /** Wrong PINs of a room or a source in the window, and its lockout; guarded by itself. */
    private static final class Count {
        final ArrayDeque<Instant> wrong = new ArrayDeque<>();
        Instant lockedUntil;
        int lockedAfter;
        /** The room of the last wrong PIN (for a source's count). */
        String room;

        boolean locked(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    private final Limits limits;
    private final Map<String, Count> rooms = new ConcurrentHashMap<>();
    private final Map<String, Count> sources = new ConcurrentHashMap<>();

    PinGuard(Limits limits) {
        this.limits = limits;
    }

    /** @return why PIN entry of the room is closed to the caller now, or null when it is open */
    String closed(String room, Caller caller, Instant now) {
        Count s = sources.get(caller.source());
        if (s != null) {
            synchronized (s) {
                if (s.locked(now)) {
                    return "PIN entry locked for " + caller.source() + " until " + s.lockedUntil + " (too many wrong "
                            + "PINs)";
                }
            }
        }
        Count r = rooms.get(room);
        if (r != null && caller.outside()) {
            synchronized (r) {
                if (r.locked(now)) {
                    return "PIN entry of room " + room + " locked for callers from trunks until " + r.lockedUntil
                            + " (too many wrong PINs)";
                }
            }
        }
        return null;
    }

    /**
     * Judges a finished PIN entry: a right PIN is refused while entry is closed to the caller, a
     * wrong one is counted (and may lock), and a wrong one that locks ends the call.
     */
    PinEntry.Outcome judge(String room, Caller caller, PinEntry.Outcome typed, Instant now) {
        switch (typed) {
            case TYPING -> {
                return typed;
            }
            case PARTICIPANT, MODERATOR -> {
                String why = closed(room, caller, now);
                if (why != null) {
                    LOG.log(Level.INFO, "Room " + room + ": a PIN from " + caller.source() + " not taken: " + why);
                    return PinEntry.Outcome.REFUSED;
                }
                return typed;
            }
            default -> {
                if (closed(room, caller, now) != null) {
                    return PinEntry.Outcome.REFUSED;
                }
                wrong(room, caller, now);
                return closed(room, caller, now) != null ? PinEntry.Outcome.REFUSED : typed;
            }
        }
    }

    private void wrong(String room, Caller caller, Instant now) {
        prune(now);
        int bySource = count(sources.computeIfAbsent(caller.source(), k -> new Count()), room, limits.perSource(),
                now, "PIN entry locked for " + caller.source());
        int inRoom = count(rooms.computeIfAbsent(room, k -> new Count()), room, limits.perRoom(), now,
                "PIN entry of room " + room + " locked for callers from trunks (the last wrong PIN from "
                        + caller.source() + ")");
        LOG.log(Level.INFO, "Room " + room + ": a wrong PIN from " + caller.source() + " (" + bySource + " of "
                + limits.perSource() + " from there, " + inRoom + " of " + limits.perRoom() + " in the room, in "
                + limits.window().toSeconds() + " s)");
    }

    /** @return the wrong PINs in the window, this one counted */
    private int count(Count c, String room, int limit, Instant now, String lockout) {
        synchronized (c) {
            Instant since = now.minus(limits.window());
            while (!c.wrong.isEmpty() && !c.wrong.peekFirst().isAfter(since)) {
                c.wrong.removeFirst();
            }
            c.wrong.addLast(now);
            c.room = room;
            int n = c.wrong.size();
            if (n >= limit && !c.locked(now)) {
                c.lockedUntil = now.plus(limits.lockout());
                c.lockedAfter = n;
                LOG.log(Level.WARNING, lockout + " until " + c.lockedUntil + ": " + n + " wrong PINs in "
                        + limits.window().toSeconds() + " s");
                c.wrong.clear(); // after the lockout, a fresh count
            }
            return n;
        }
    }

    /** @return the room's lockout now, or null */
    Lockout room(String room, Instant now) {
        Count c = rooms.get(room);
        if (c == null) {
            return null;
        }
        synchronized (c) {
            return c.locked(now) ? new Lockout(null, c.lockedUntil, c.lockedAfter) : null;
        }
    }

    /** @return the sources locked now whose last wrong PIN was in this room */
    List<Lockout> sources(String room, Instant now) {
        List<Lockout> out = new ArrayList<>();
        sources.forEach((source, c) -> {
            synchronized (c) {
                if (c.locked(now) && room.equals(c.room)) {
                    out.add(new Lockout(source, c.lockedUntil, c.lockedAfter));
                }
            }
        });
        return out;
    }

    /** The admin lifts the room's lockout and those of the sources last wrong in it. */
    void clear(String room) {
        rooms.remove(room);
        sources.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return room.equals(e.getValue().room);
            }
        });
        LOG.log(Level.INFO, "Room " + room + ": PIN lockouts lifted by the admin");
    }

    /** Forgets counts with nothing in the window and no lockout, so that the maps hold recent guessers only. */
    private void prune(Instant now) {
        if (sources.size() + rooms.size() < 1_000) {
            return;
        }
        Instant since = now.minus(limits.window());
        for (Map<String, Count> m : List.of(sources, rooms)) {
            m.entrySet().removeIf(e -> {
                Count c = e.getValue();
                synchronized (c) {
                    return !c.locked(now) && (c.wrong.isEmpty() || !c.wrong.peekLast().isAfter(since));
                }
            });
        }
    }
}
