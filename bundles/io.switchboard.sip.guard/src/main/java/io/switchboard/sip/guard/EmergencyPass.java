package io.switchboard.sip.guard;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;


/**
 * The way through a lockout for emergency calls: a locked-out or flooding address still reaches
 * emergency numbers. Its INVITEs to them are let through, read from the packet's first line before
 * the stack parses it, and so are the other requests of those calls (the ACK of a challenge, a
 * CANCEL, the BYE) and the answers to the switch's requests, known by the address and Call-ID
 * together; all within a rate per address, so that a lockout still holds against a flood that dials
 * 911. The pass is no key: a REGISTER, SUBSCRIBE, MESSAGE, OPTIONS or any other request outside the
 * call's dialog stays locked out whatever its Call-ID (an outside review registered through it).
 */
public final class EmergencyPass {

    private static final long MINUTE_MILLIS = 60_000;
    /** How long a dialog let through is remembered: longer than any emergency call lasts, bounded in number. */
    private static final long DIALOG_MILLIS = 4 * 3_600_000L;
    private static final int MAX_DIALOGS = 10_000;
    private static final int MAX_ADDRESSES = 10_000;
    /** Requests inside an emergency call's dialog (a re-INVITE too): they carry the switch's To-tag. */
    private static final Set<String> IN_DIALOG = Set.of("INVITE", "ACK", "BYE", "PRACK", "UPDATE", "INFO");

    private final Predicate<String> emergency;
    private final IntSupplier perMinute;
    /** The calls let through, by address and Call-ID, with when they began. */
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
        Head h = Head.of(head);
        if (h == null) {
            return false;
        }
        String key = key(from, h.callId);
        boolean known = dialogs.containsKey(key);
        boolean call = h.emergencyInvite(emergency);
        if (!call && !(known && h.inCall()) || !take(from, now)) {
            return false;
        }
        if (!known) {
            if (dialogs.size() >= MAX_DIALOGS) {
                dialogs.values().removeIf(t -> now - t > DIALOG_MILLIS);
            }
            if (dialogs.size() < MAX_DIALOGS) {
                dialogs.put(key, now);
            }
        }
        return true;
    }

    /**
     * @return whether a message belongs to an emergency call of the address let through before (its
     *         datagram was, or an earlier message of the call): nothing is counted
     */
    boolean known(InetAddress from, String head) {
        Head h = Head.of(head);
        return h != null && dialogs.containsKey(key(from, h.callId))
                && (h.inCall() || h.emergencyInvite(emergency));
    }

    private static String key(InetAddress from, String callId) {
        return from.getHostAddress() + ' ' + callId;
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

    /**
     * What the pass reads of a message: its start line, Call-ID and whether To has a tag.
     *
     * @param method the request's method as written (methods are case-sensitive), or null for a response
     */
    private record Head(String method, String uri, String callId, boolean toTag) {

        /** @return the head, or null for a message the pass never lets through (read no further) */
        static Head of(String head) {
            int eol = head.indexOf('\n');
            if (eol < 0) {
                return null;
            }
            String[] start = head.substring(0, eol).trim().split(" ");
            boolean response = start[0].startsWith("SIP/");
            if (!response && (start.length != 3 || !start[0].equals("CANCEL") && !IN_DIALOG.contains(start[0]))) {
                return null; // a REGISTER, say: the flood a lockout drops costs no more than its first line
            }
            String callId = null;
            String to = null;
            for (String line : head.substring(eol + 1).split("\r?\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    if (callId == null && (name.equals("call-id") || name.equals("i"))) {
                        callId = value;
                    } else if (to == null && (name.equals("to") || name.equals("t"))) {
                        to = value;
                    }
                }
            }
            if (callId == null || callId.isEmpty()) {
                return null;
            }
            boolean tagged = to != null && to.replaceAll("\\s", "").toLowerCase(Locale.ROOT).contains(";tag=");
            return response ? new Head(null, null, callId, tagged) : new Head(start[0], start[1], callId, tagged);
        }

        boolean emergencyInvite(Predicate<String> emergency) {
            return "INVITE".equals(method) && emergency.test(uri);
        }

        /**
         * @return whether the message may belong to a call let through: an answer to the switch, a
         *         CANCEL of the INVITE, or a request of the call's dialog (with the switch's To-tag)
         */
        boolean inCall() {
            return method == null || method.equals("CANCEL") || toTag && IN_DIALOG.contains(method);
        }
    }
}
