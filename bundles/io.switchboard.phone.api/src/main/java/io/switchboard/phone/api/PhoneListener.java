package io.switchboard.phone.api;

import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a phone tells its user: the registration, calls arriving and changing state, digits
 * received. Called on the engine's threads; a slow listener delays the phone's other events, not
 * its audio.
 */
@ConsumerType
public interface PhoneListener {

    /** @param reason the server's answer when the registration failed, else null */
    default void registration(Phone phone, boolean registered, String reason) {
    }

    /** An incoming call: answer or reject it, or let it ring. */
    default void incoming(PhoneCall call) {
    }

    default void stateChanged(PhoneCall call, CallState state) {
    }

    /**
     * A text message arrived (the phone answered 200).
     *
     * @param from the sender's address of record (sip:alice@example.com)
     * @param written when it was written: its Date header (a message the switch kept for this phone
     *        while it was offline says when), else when it arrived
     * @since 1.3
     */
    default void message(Phone phone, String from, String text, Instant written) {
    }

    /** A digit arrived as an RFC 4733 event, once per key press. */
    default void dtmf(PhoneCall call, char digit) {
    }
}
