package io.switchboard.sip.api.forwarding;

/**
 * A user's call forwarding and call waiting. Each destination is what the user would dial: another
 * user, a number (judged by the user's class of service and limits when it leaves on a trunk), or
 * {@value #VOICEMAIL} for the user's own mailbox; null forwards nothing for that reason.
 *
 * @param always where every call goes instead of ringing the user's phones, or null
 * @param busy where a call goes when the user's phones answer busy, or null
 * @param noAnswer where a call goes when nobody answers within {@code noAnswerSeconds}, or null
 * @param noAnswerSeconds how long the phones ring before a call goes to {@code noAnswer}, 0 for the
 *            switch's ring timeout; 5 to 300 otherwise
 * @param unavailable where a call goes when no phone of the user can be reached, or null for the same
 *            as {@code noAnswer}
 * @param callWaiting whether a call reaches the user while it is in another: off, the user is busy
 *            (486, then {@code busy})
 * @param maxCalls the most calls the user may have at once, made and received, ringing or answered;
 *            a call past it finds the user busy; 0 for no limit
 * @param schedule the user's working hours, or null: with one, {@code always} forwards calls only
 *            while the schedule is closed (after hours to a mobile), and the phones ring within it
 *            (since 1.1)
 * @param rejectAnonymous whether calls that withhold the caller's number are refused with 433 Anonymity
 *            Disallowed (RFC 5079) before anything rings or forwards (since 1.1)
 */
public record ForwardingRules(String always, String busy, String noAnswer, int noAnswerSeconds, String unavailable,
        boolean callWaiting, int maxCalls, String schedule, boolean rejectAnonymous) {

    /** Forwarding that takes anonymous calls (1.1 with a schedule). */
    public ForwardingRules(String always, String busy, String noAnswer, int noAnswerSeconds, String unavailable,
            boolean callWaiting, int maxCalls, String schedule) {
        this(always, busy, noAnswer, noAnswerSeconds, unavailable, callWaiting, maxCalls, schedule, false);
    }

    /** Forwarding without a schedule, as before 1.1. */
    public ForwardingRules(String always, String busy, String noAnswer, int noAnswerSeconds, String unavailable,
            boolean callWaiting, int maxCalls) {
        this(always, busy, noAnswer, noAnswerSeconds, unavailable, callWaiting, maxCalls, null, false);
    }

    /** @return these rules with {@code always} forwarding nothing (its schedule is open) */
    public ForwardingRules withoutAlways() {
        return new ForwardingRules(null, busy, noAnswer, noAnswerSeconds, unavailable, callWaiting, maxCalls, schedule,
                rejectAnonymous);
    }

    /** The destination that names the forwarding user's own mailbox. */
    public static final String VOICEMAIL = "voicemail";

    /** No forwarding: calls ring the user's phones, then go to voicemail as the switch does. */
    public static final ForwardingRules NONE = new ForwardingRules(null, null, null, 0, null, true, 0);

    /** Forwarding with call waiting on and no limit of calls at once. */
    public ForwardingRules(String always, String busy, String noAnswer, int noAnswerSeconds, String unavailable) {
        this(always, busy, noAnswer, noAnswerSeconds, unavailable, true, 0);
    }

    public ForwardingRules {
        if (maxCalls < 0 || maxCalls > 100) {
            throw new IllegalArgumentException("Invalid maxCalls " + maxCalls + ": 0 (no limit) to 100");
        }
        always = blankToNull(always);
        busy = blankToNull(busy);
        noAnswer = blankToNull(noAnswer);
        unavailable = blankToNull(unavailable);
        schedule = blankToNull(schedule);
        if (noAnswerSeconds != 0 && (noAnswerSeconds < 5 || noAnswerSeconds > 300)) {
            throw new IllegalArgumentException("Invalid noAnswerSeconds " + noAnswerSeconds
                    + ": 0 (the switch's ring timeout) or 5 to 300");
        }
    }

    /** @return where a call goes for this reason, or null when it is not forwarded */
    public String destination(ForwardReason reason) {
        return switch (reason) {
            case UNCONDITIONAL -> always;
            case BUSY -> busy;
            case NO_ANSWER -> noAnswer;
            case UNAVAILABLE -> unavailable != null ? unavailable : noAnswer;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
