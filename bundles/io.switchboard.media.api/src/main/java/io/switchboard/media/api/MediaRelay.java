package io.switchboard.media.api;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Anchors calls' media: the switch opens a session for each call it relays and rewrites both legs'
 * SDP through it. Without this service the switch passes SDP through unchanged.
 */
@ProviderType
public interface MediaRelay {

    /**
     * Allocates ports for both legs of a call from the relay's range.
     *
     * @param callId the call's id (the A leg's Call-ID)
     * @param listener told when the session's media stops; the relay also posts {@link MediaEvents#TOPIC_TIMEOUT}
     * @throws MediaException when the range has no free pair left
     */
    MediaSession open(String callId, MediaSession.Listener listener) throws MediaException;

    Optional<MediaSession> session(String callId);

    /** @return the sessions open now, for live figures */
    Collection<MediaSession> sessions();

    /** @return the relay's figures since it started */
    RelayStatus status();
}
