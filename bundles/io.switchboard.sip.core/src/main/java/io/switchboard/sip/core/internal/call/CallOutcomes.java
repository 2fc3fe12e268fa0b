package io.switchboard.sip.core.internal.call;

import io.switchboard.cdr.api.Disposition;

/**
 * The decisions a call takes on the callee side's final answers, as pure functions: whether a trunk's
 * failure moves the call to the next trunk, which of several branches' failures the caller hears, what
 * the caller is told, and what the record calls it.
 */
final class CallOutcomes {

    private CallOutcomes() {
    }

    /** @return whether this answer of a trunk moves the call to the route's next trunk: 408 or 5xx */
    static boolean failsOver(int status) {
        return status == 408 || status >= 500 && status < 600;
    }

    /**
     * @return whether {@code status} is a better final answer for the caller than {@code best} (0 for
     *         none yet) when every branch failed: RFC 3261 section 16.7, a 6xx first, then busy, then the first
     */
    static boolean better(int status, int best) {
        return best == 0 || status >= 600 && best < 600 || best < 600 && (status == 486 || status == 600) && best != 486;
    }

    /**
     * @return what the caller hears of the callee side's failure: the carrier's challenges are not the
     *         caller's to answer (403), and a redirect is not followed (480)
     */
    static int callerStatus(int status) {
        return switch (status) {
            case 401, 407 -> 403;
            default -> status >= 300 && status < 400 ? 480 : status;
        };
    }

    /** @return what the call record says of a call that failed with this status */
    static Disposition disposition(int status) {
        return switch (status) {
            case 486, 600, 603 -> Disposition.BUSY;
            case 480, 408 -> Disposition.NO_ANSWER;
            case 487 -> Disposition.CANCELLED;
            default -> Disposition.FAILED;
        };
    }
}
