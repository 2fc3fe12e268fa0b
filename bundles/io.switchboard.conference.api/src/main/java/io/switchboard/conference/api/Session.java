package io.switchboard.conference.api;

import java.time.Instant;

/**
 * One conference: a room's session from its first caller until the last one leaves. Each
 * participant's call record names it (tags {@code conference} and {@code room}).
 *
 * @param id the conference's id
 * @param room the room's number
 * @param started when the first caller entered the bridge
 * @param ended when the last one left, or null while it goes on (or when its server stopped first)
 * @param participants how many calls joined it, invited ones included
 * @param peak the most that were in it at once
 * @since 1.1
 */
public record Session(String id, String room, Instant started, Instant ended, int participants, int peak) {
}
