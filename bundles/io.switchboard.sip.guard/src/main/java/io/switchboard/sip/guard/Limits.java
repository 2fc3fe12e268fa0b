package io.switchboard.sip.guard;

/**
 * How much the guard tolerates before it locks out.
 *
 * @param failures digest failures from one address, or for one user, that lock it out
 * @param windowMillis within this time
 * @param lockoutMillis for this long
 * @param floodRequests requests from one address per flood window; past them it is dropped until it slows down
 * @param floodWindowMillis the flood window
 */
public record Limits(int failures, long windowMillis, long lockoutMillis, int floodRequests, long floodWindowMillis) {
}
