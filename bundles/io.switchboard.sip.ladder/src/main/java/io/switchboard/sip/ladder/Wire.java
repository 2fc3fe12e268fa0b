package io.switchboard.sip.ladder;

/**
 * A received message that kept the bytes it arrived as: its ladder entry and HEP copy are those
 * bytes, as a capture on the wire shows them, instead of the message encoded again.
 */
public interface Wire {

    /** @return the bytes as received, or null when they were not kept */
    byte[] wire();
}
