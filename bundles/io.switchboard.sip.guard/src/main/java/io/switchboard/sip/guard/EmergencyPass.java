package io.switchboard.sip.guard;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;


/**
 * The way through a lockout for emergency calls: a locked-out or flooding address still reaches
 * emergency numbers. Its INVITEs to them are let through, read from the packet's first line before
 * the stack parses it, and so is everything else of those calls' dialogs (the ACK of a challenge, the
 * BYE, the answers to the switch's requests), known by their Call-ID; all within a rate per address,
 * so that a lockout still holds against a flood that dials 911.
 */
public final class EmergencyPass {

    private static final long MINUTE_MILLIS = 60_000;
    /** How long a dialog let through is remembered: longer than any emergency call lasts, bounded in number. */
    private static final long DIALOG_MILLIS = 4 * 3_600_000L;
    private static final int MAX_DIALOGS = 10_000;
    private static final int MAX_ADDRESSES = 10_000;

    private final Predicate<String> emergency;
    private final IntSupplier perMinute;
    private final Map<String, Long> dialogs = new ConcurrentHashMap<>();
    private final Map<InetAddress, long[]> buckets = new ConcurrentHashMap<>();

    /**
     * @param emergency whether a Request-URI (as the request line has it) dials an emergency number
     * @param perMinute packets a minute one address may send through
     */
    public EmergencyPass(Predicate<String> emergency, IntSupplier perMinute) {
        this.emergency = emergency;
        this.perMinute = perMinute;
    }

    /** @return whether a datagram a lockout would drop belongs to an emergency call, within the rate */
    boolean passes(InetAddress from, byte[] data, int offset, int length, long now) {
        String head = new String(data, offset, Math.min(length, 4096), StandardCharsets.ISO_8859_1);
        return passes(from, head, now);
    }

    /** @param head the message's start line and headers as text (the body may follow) */
    boolean passes(InetAddress from, String head, long now) {
        int eol = head.indexOf('\n');
        if (eol < 0) {
            return false;
        }
        String callId = callId(head);
        if (callId == null) {
            return false;
        }
        String[] start = head.substring(0, eol).trim().split(" ");
        boolean known = dialogs.containsKey(callId);
        boolean invite = start.length == 3 && start[0].equals("INVITE")
                && emergency.test(start[1]);
        if (!known && !invite || !take(from, now)) {
            return false;
        }
        if (!known) {
            if (dialogs.size() >= MAX_DIALOGS) {
                dialogs.values().removeIf(t -> now - t > DIALOG_MILLIS);
            }
            if (dialogs.size() < MAX_DIALOGS) {
                dialogs.put(callId, now);
            }
        }
        return true;
    }

    /** @return whether a message belongs to an emergency call let through before (its datagram was) */
    boolean known(String head) {
        String callId = callId(head);
        return callId != null && dialogs.containsKey(callId);
    }

    /** One packet of the address's minute: a token bucket that fills at the rate a minute. */
    private boolean take(InetAddress from, long now) {
        int rate = perMinute.getAsInt();
        if (buckets.size() >= MAX_ADDRESSES) {
            buckets.values().removeIf(b -> now - b[1] > MINUTE_MILLIS);
            if (buckets.size() >= MAX_ADDRESSES) {
                return false;
            }
        }
        long[] b = buckets.computeIfAbsent(from, a -> new long[] { rate, now });
        synchronized (b) {
            b[0] = Math.min(rate, b[0] + (now - b[1]) * rate / MINUTE_MILLIS);
            b[1] = now;
            if (b[0] < 1) {
                return false;
            }
            b[0]--;
            return true;
        }
    }

    /** @return the Call-ID header's value (full or compact form), or null */
    static String callId(String head) {
        for (String line : head.split("\r?\n")) {
            if (line.isEmpty()) {
                return null;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("call-id") || name.equals("i")) {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        return null;
    }
}
