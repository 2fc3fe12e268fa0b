package io.switchboard.sip.api.provisioning;

/**
 * What a user may call, how much, and how its calls' media must be protected: the defences against
 * toll fraud with its password and against listening in. A null field takes the server's default
 * (settings {@code io.switchboard.sip.calling}).
 *
 * @param callClass its class of service, or null for the default
 * @param maxCalls the most calls it may have through trunks at once, 0 for no limit, null for the default
 * @param callsPerMinute the most calls it may start through trunks in a minute, 0 for no limit, null for the default
 * @param mediaEncryption whether its calls' media must, may or must not be SRTP, null for the default
 */
public record CallingPolicy(CallClass callClass, Integer maxCalls, Integer callsPerMinute,
        MediaEncryption mediaEncryption) {

    /** Every field the server's default. */
    public static final CallingPolicy DEFAULTS = new CallingPolicy(null, null, null, null);

    /** A policy with the server's default media encryption (the record of version 1.2). */
    public CallingPolicy(CallClass callClass, Integer maxCalls, Integer callsPerMinute) {
        this(callClass, maxCalls, callsPerMinute, null);
    }

    public CallingPolicy {
        if (maxCalls != null && maxCalls < 0) {
            throw new IllegalArgumentException("Invalid maxCalls " + maxCalls + ": 0 (no limit) or more");
        }
        if (callsPerMinute != null && callsPerMinute < 0) {
            throw new IllegalArgumentException("Invalid callsPerMinute " + callsPerMinute + ": 0 (no limit) or more");
        }
    }

    /** @return this policy with the defaults' values where it has none */
    public CallingPolicy or(CallingPolicy defaults) {
        return new CallingPolicy(callClass != null ? callClass : defaults.callClass(),
                maxCalls != null ? maxCalls : defaults.maxCalls(),
                callsPerMinute != null ? callsPerMinute : defaults.callsPerMinute(),
                mediaEncryption != null ? mediaEncryption : defaults.mediaEncryption());
    }
}
