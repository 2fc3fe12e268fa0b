package io.switchboard.mgmt.core.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks out an account from one client address after too many failed logins within the lockout
 * period, so that passwords cannot be guessed at speed, while the same account from its owner's
 * address and other accounts keep working. A successful login clears the pair. Pairs whose window
 * and lockout have passed are pruned, so that a sweep over many names cannot grow the table.
 */
final class LoginThrottle {

    private record Failures(int count, long firstMillis, long lockedUntilMillis) {
    }

    private final int attempts;
    private final long lockoutMillis;
    private final Clock clock;
    /** Past this many pairs, the ones whose window and lockout have passed go. */
    static final int PRUNE_ABOVE = 1024;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle(int attempts, long lockoutMillis, Clock clock) {
        this.attempts = attempts;
        this.lockoutMillis = lockoutMillis;
        this.clock = clock;
    }

    /** @return the key of an account's logins from one address */
    static String key(String account, String address) {
        return account + "\u0000" + address;
    }

    /** @return seconds the key (an account from an address) must still wait, or 0 when it may try */
    long lockedSeconds(String address) {
        Failures f = byAddress.get(address);
        long now = clock.millis();
        if (f == null || f.lockedUntilMillis() <= now) {
            return 0;
        }
        return (f.lockedUntilMillis() - now + 999) / 1000;
    }

    void failed(String address) {
        long now = clock.millis();
        if (byAddress.size() > PRUNE_ABOVE) {
            byAddress.values().removeIf(f -> f.lockedUntilMillis() <= now && now - f.firstMillis() > lockoutMillis);
        }
        byAddress.compute(address, (a, f) -> {
            if (f == null || now - f.firstMillis() > lockoutMillis) {
                f = new Failures(0, now, 0);
            }
            int count = f.count() + 1;
            return new Failures(count, f.firstMillis(), count >= attempts ? now + lockoutMillis : 0);
        });
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    int size() {
        return byAddress.size();
    }
}
