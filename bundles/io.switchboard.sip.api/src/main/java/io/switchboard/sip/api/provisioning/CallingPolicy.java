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
 * @param callerIdNumber the number its calls through trunks show, in E.164 ("+442071110000"), or null
 *            for the trunk's fixed caller ID, else the user's own number (since 1.5)
 * @param callerIdName the name its calls through trunks show, or null for the name its phone sends
 *            (since 1.5)
 * @param withholdCallerId whether its calls through trunks withhold its number (RFC 3323 Privacy: id;
 *            the carrier still gets P-Asserted-Identity on trunks that are trusted with it), null for
 *            no (since 1.5)
 */
public record CallingPolicy(CallClass callClass, Integer maxCalls, Integer callsPerMinute,
        MediaEncryption mediaEncryption, String callerIdNumber, String callerIdName, Boolean withholdCallerId) {

    /** Every field the server's default. */
    public static final CallingPolicy DEFAULTS = new CallingPolicy(null, null, null, null);

    /** A policy without a caller ID of its own (the record of version 1.4). */
    public CallingPolicy(CallClass callClass, Integer maxCalls, Integer callsPerMinute,
            MediaEncryption mediaEncryption) {
        this(callClass, maxCalls, callsPerMinute, mediaEncryption, null, null, null);
    }

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
        callerIdNumber = callerIdNumber == null || callerIdNumber.isBlank() ? null : callerIdNumber.trim();
        callerIdName = callerIdName == null || callerIdName.isBlank() ? null : callerIdName.trim();
        if (callerIdNumber != null && !callerIdNumber.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("Invalid callerIdNumber '" + callerIdNumber
                    + "': a number in E.164 form, + and 7 to 15 digits");
        }
        if (callerIdName != null && (callerIdName.length() > 40 || callerIdName.chars().anyMatch(ch -> ch < 0x20
                || ch == '"' || ch == '\\'))) {
            throw new IllegalArgumentException("Invalid callerIdName: up to 40 characters, no quotes, backslashes or "
                    + "control characters");
        }
    }

    /** @return this policy with the defaults' values where it has none */
    public CallingPolicy or(CallingPolicy defaults) {
        return new CallingPolicy(callClass != null ? callClass : defaults.callClass(),
                maxCalls != null ? maxCalls : defaults.maxCalls(),
                callsPerMinute != null ? callsPerMinute : defaults.callsPerMinute(),
                mediaEncryption != null ? mediaEncryption : defaults.mediaEncryption(),
                callerIdNumber != null ? callerIdNumber : defaults.callerIdNumber(),
                callerIdName != null ? callerIdName : defaults.callerIdName(),
                withholdCallerId != null ? withholdCallerId : defaults.withholdCallerId());
    }
}
