package io.switchboard.sip.api;

import java.time.Instant;

/**
 * A source address or a user the switch refuses for a while. Immutable: a snapshot.
 *
 * @param kind {@link #SOURCE} (digest failures from one address), {@link #USER} (digest failures for one
 *            user, from any addresses) or {@link #FLOOD} (an address sending faster than the request limit)
 * @param key the address, or the user's name
 * @param reason what set it off, in words ("10 authentication failures in 60 s")
 * @param since when it began
 * @param until when it ends by itself; a flood ends once the address slows down
 * @param refused requests refused or dropped because of it so far
 */
public record Lockout(String kind, String key, String reason, Instant since, Instant until, long refused) {

    /** Every request from the address is dropped unread (UDP) or unanswered (TCP). */
    public static final String SOURCE = "source";
    /** The user may authenticate only from addresses it authenticated from before the lockout. */
    public static final String USER = "user";
    /** Requests from the address are dropped while it sends faster than the limit. */
    public static final String FLOOD = "flood";
}
