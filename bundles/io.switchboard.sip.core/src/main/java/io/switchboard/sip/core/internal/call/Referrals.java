package io.switchboard.sip.core.internal.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transfers the switch passed on to a phone of its own user (REFER, RFC 3515), remembered until that phone
 * dials the target: its new call is then known to come from that transfer and whose it was. A phone's own
 * Referred-By header is never believed; only a REFER the switch saw in a call's dialog counts.
 */
final class Referrals {

    /** How long a phone has to act on a REFER: the transaction's lifetime. */
    private static final Duration LIFETIME = Duration.ofSeconds(32);

    private record Referral(String by, Instant until) {
    }

    private final Map<String, Referral> pending = new ConcurrentHashMap<>();

    /** {@code by}'s phone asked {@code transferee}'s to call {@code target}, and the switch passed it on. */
    void referred(String transferee, String target, String by) {
        Instant now = Instant.now();
        pending.values().removeIf(r -> r.until().isBefore(now));
        pending.put(transferee + "\n" + target, new Referral(by, now.plus(LIFETIME)));
    }

    /** @return who transferred the user's new call to what it dialled, or null; known once */
    String take(String caller, String dialled) {
        Referral r = pending.remove(caller + "\n" + dialled);
        return r == null || r.until().isBefore(Instant.now()) ? null : r.by();
    }
}
