package io.switchboard.sip.core.internal.registrar;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.message.Response;

/**
 * The final responses recently sent to requests served without a server transaction (REGISTER;
 * challenges are not kept, see SipServer#answer), by {@link Authenticator#requestKey}, so that a
 * retransmission gets the same answer again, as a non-INVITE server transaction would resend it
 * (RFC 3261 section 17.2.2). Without it a phone whose 200 was lost, or that retransmitted while the
 * bindings' batches were behind, had its retransmission (a nonce count already used) challenged
 * again: SIPp counts that as a failed registration, and a phone re-registers from the start.
 * <p>
 * Memory is bounded: at most {@code capacity} answers, the oldest forgotten first, and none older
 * than {@link #LIFETIME_NANOS} (timer J of a UDP transaction, 64 x T1) is used. An answer is kept as
 * its text, about half a kilobyte, and parsed again only when a retransmission needs it: as parsed
 * messages (some 4 KB each) the few thousand a heap share allowed were gone within 0.2 s at 12,000
 * REGISTER/s, and retransmissions after a stall met a fresh challenge (docs/benchmarks.md).
 */
public final class AnsweredRequests {

    static final long LIFETIME_NANOS = 32_000_000_000L;

    private record Answer(String key, String response, long sent) {
    }

    private final Map<String, Answer> byKey = new ConcurrentHashMap<>();
    /** The answers in the order they were sent; a slot's old answer is forgotten when it is reused. */
    private final Answer[] ring;
    private int next;

    /** @param capacity the most answers kept */
    AnsweredRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        ring = new Answer[capacity];
    }

    /** @return answers for the heap: up to 1 KB each with its key in a sixteenth of it, 1,000 to 262,144 */
    static int capacityFor(long maxHeapBytes) {
        return (int) Math.max(1_000, Math.min(262_144, maxHeapBytes / 16 / 1024));
    }

    /** Remembers the final response sent to the request with this key. */
    void answered(String key, Response response) {
        Answer answer = new Answer(key, response.toString(), System.nanoTime());
        byKey.put(key, answer);
        Answer forgotten;
        synchronized (ring) {
            forgotten = ring[next];
            ring[next] = answer;
            next = (next + 1) % ring.length;
        }
        if (forgotten != null) {
            byKey.remove(forgotten.key(), forgotten); // unless its key has been answered again since
        }
    }

    /** @return the text of the response sent to the request with this key within the lifetime, or null */
    String answerTo(String key) {
        Answer a = byKey.get(key);
        return a == null || System.nanoTime() - a.sent() > LIFETIME_NANOS ? null : a.response();
    }

    /** @return answers kept */
    int size() {
        return byKey.size();
    }
}
