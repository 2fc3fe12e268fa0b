package io.switchboard.messaging.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps text messages, in the database (any server of a cluster may deliver them), and their state.
 */
@ProviderType
public interface MessageStore {

    /**
     * Keeps a message for its user, durably, before the switch answers the sender 202.
     *
     * @return the message with its id, in state {@link MessageState#STORED}
     * @throws MessageRefusedException when the user's quota of stored messages is full
     */
    TextMessage store(TextMessage message) throws MessageRefusedException;

    /**
     * Records a message that was never stored: delivered at once, or refused by a phone or the
     * carrier (history and status), and posts the event of its state. It is written shortly after,
     * in a batch with others; its event carries its id.
     *
     * @return the message as given
     */
    TextMessage record(TextMessage message);

    /** @return the messages stored for this user and not yet delivered, oldest first */
    List<TextMessage> pending(String user);

    /** @return the message with this id */
    Optional<TextMessage> message(long id);

    /**
     * Takes a stored message for delivery by this server for at most {@code hold}: with several
     * servers on one database, only one of them wins it.
     *
     * @return whether this server may deliver it now
     */
    boolean claim(TextMessage message, Duration hold);

    /** Records the new state of a stored message, and posts its event. */
    void update(TextMessage message);

    /**
     * @param user the sender's or recipient's name, or null for everyone's
     * @return the newest messages first, at most {@code limit}
     */
    List<TextMessage> history(String user, int limit);

    /**
     * @return the messages with an id above {@code afterId}, lowest first, at most {@code limit}:
     *         the whole history a page at a time, for an index to be built from
     * @since 1.1
     */
    List<TextMessage> after(long afterId, int limit);
}
