package io.switchboard.conference.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The conference service: rooms, who is in them, and what a moderator may do to them. */
@ProviderType
public interface Conferences {

    /** Event Admin topic prefix; properties {@code room}, {@code callId}, {@code caller}. */
    String TOPIC_PREFIX = "io/switchboard/conference/";
    /** Someone entered a room. */
    String JOINED = TOPIC_PREFIX + "JOINED";
    /** Someone left a room. */
    String LEFT = TOPIC_PREFIX + "LEFT";
    /**
     * A room's call out to someone it invited was not answered; properties {@code room}, {@code target}
     * and {@code status} (the SIP status, 408 when nobody answered in time). Since 1.1.
     */
    String INVITE_FAILED = TOPIC_PREFIX + "INVITE_FAILED";

    /** @return every room, by number */
    List<Room> rooms();

    Optional<Room> room(String number);

    /**
     * Creates or changes a room; the people in it stay.
     *
     * @throws IllegalArgumentException naming the bad field (a number taken by a user or another
     *         service, a PIN that is not 4 to 12 digits)
     */
    void save(Room room);

    /** Deletes a room and ends the calls in it. @return whether there was one */
    boolean delete(String number);

    /** @return who is in the room now, in the order they joined */
    List<Participant> participants(String number);

    /** Mutes or unmutes a participant. @return false when no such participant */
    boolean mute(String callId, boolean muted);

    /** Ends a participant's call. @return false when no such participant */
    boolean remove(String callId);

    /** Locks a room (nobody else may enter: 403) or opens it. @return false when no such room */
    boolean lock(String number, boolean locked);

    /** @return whether the room is locked now */
    boolean locked(String number);

    /**
     * The room calls someone out: the switch rings them as it rings any call of the room's service
     * user (its class of service applies), and once they answer they are in the room, without a PIN.
     *
     * @param number the room's number
     * @param target a user, an extension or a number, as a phone would dial it
     * @return the SIP Call-ID of the call out
     * @throws IllegalArgumentException when there is no such room, or it is locked or full
     * @since 1.1
     */
    String invite(String number, String target);

    /**
     * @return the room's latest conferences, the newest first, at most {@code limit}
     * @since 1.1
     */
    List<Session> sessions(String number, int limit);
}
