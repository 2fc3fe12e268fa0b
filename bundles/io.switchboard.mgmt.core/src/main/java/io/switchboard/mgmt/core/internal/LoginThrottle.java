package io.switchboard.mgmt.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides, before any password is hashed, whether a login may be tried at all. Three budgets, each
 * counted over the lockout period:
 * <ul>
 * <li>an account from one address: after {@code attempts} failures that pair waits out the lockout,
 * while the same account from its owner's address and other accounts keep working;</li>
 * <li>an address (IPv6 by its /64), whatever names it tries: after {@code addressBudget} failures
 * it waits out the lockout, so that random names cannot buy hashing time;</li>
 * <li>an account from anywhere: past {@code attempts} failures each further try waits a back-off
 * that doubles up to a minute, so that rotating addresses cannot guess one account at speed.</li>
 * </ul>
 * Each table keeps the most recently used entries up to {@link #CAPACITY}, so that a sweep over
 * names or addresses cannot grow it.
 */
final class LoginThrottle {

    static final int CAPACITY = 10_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;

    private record Failures(int count, long firstMillis, long lockedUntilMillis) {
    }

    private final int attempts;
    private final int addressBudget;
    private final long lockoutMillis;
    private final Clock clock;
    private final Map<String, Failures> pairs = lru();
    private final Map<String, Failures> addresses = lru();
    private final Map<String, Failures> accounts = lru();

    LoginThrottle(int attempts, int addressBudget, long lockoutMillis, Clock clock) {
        this.attempts = attempts;
        this.addressBudget = addressBudget;
        this.lockoutMillis = lockoutMillis;
        this.clock = clock;
    }

    /** @return seconds the account must still wait from the address, or 0 when it may try */
    synchronized long lockedSeconds(String account, String address) {
        long now = clock.millis();
        long until = Math.max(until(pairs, pair(account, address)),
                Math.max(until(addresses, network(address)), until(accounts, account)));
        return until <= now ? 0 : (until - now + 999) / 1000;
    }

    synchronized void failed(String account, String address) {
        long now = clock.millis();
        count(pairs, pair(account, address), now, attempts, lockoutMillis);
        count(addresses, network(address), now, addressBudget, lockoutMillis);
        Failures f = count(accounts, account, now, Integer.MAX_VALUE, 0);
        if (f.count() >= attempts) {
            long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(16, f.count() - attempts));
            accounts.put(account, new Failures(f.count(), f.firstMillis(), now + backoff));
        }
    }

    synchronized void succeeded(String account, String address) {
        pairs.remove(pair(account, address));
        accounts.remove(account);
    }

    synchronized int size() {
        return pairs.size() + addresses.size() + accounts.size();
    }

    private Failures count(Map<String, Failures> table, String key, long now, int limit, long lockMillis) {
        Failures f = table.get(key);
        if (f == null || now - f.firstMillis() > lockoutMillis && f.lockedUntilMillis() <= now) {
            f = new Failures(0, now, 0);
        }
        int count = f.count() + 1;
        Failures next = new Failures(count, f.firstMillis(),
                count >= limit ? now + lockMillis : f.lockedUntilMillis());
        table.put(key, next);
        return next;
    }

    private static long until(Map<String, Failures> table, String key) {
        Failures f = table.get(key);
        return f == null ? 0 : f.lockedUntilMillis();
    }

    private static String pair(String account, String address) {
        return account + "\u0000" + address;
    }

    /** @return the address, or for IPv6 its /64: one subscriber's many addresses count as one */
    static String network(String address) {
        if (address.indexOf(':') < 0 || !address.matches("\\[?[0-9A-Fa-f:.]+\\]?")) {
            return address; // IPv4, or nothing that is an IPv6 literal: never looked up
        }
        try {
            byte[] bytes = InetAddress.getByName(address.replaceAll("^\\[|\\]$", "")).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                sb.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
            }
            return sb.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address; // a literal that does not parse is its own key
        }
    }

    private static Map<String, Failures> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
