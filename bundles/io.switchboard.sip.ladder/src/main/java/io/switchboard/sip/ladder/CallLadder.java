package io.switchboard.sip.ladder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One call's SIP messages, both legs, in the order the switch saw them; bounded, so that a call
 * stuck in a re-INVITE loop cannot grow without end: past the bound messages are counted, not kept.
 */
final class CallLadder {

    /**
     * One message: when, which leg, which way, the other end's address, the whole text, and the
     * switch's own address it left from or arrived at (null in ladders kept before it was).
     */
    record Entry(String time, String leg, String direction, String peer, String firstLine, String message,
            String local) {
    }

    final String aCallId;
    /** Every Call-ID of the call (A's, then each leg B's): the keys it is found by while it lasts. */
    final List<String> callIds = new CopyOnWriteArrayList<>();
    final Instant started;
    private final int maxMessages;
    private final int maxChars;
    private final List<Entry> entries = new ArrayList<>();
    private int chars;
    private int dropped;

    CallLadder(String aCallId, Instant started, int maxMessages, int maxChars) {
        this.aCallId = aCallId;
        this.callIds.add(aCallId);
        this.started = started;
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
    }

    synchronized void add(String callId, boolean incoming, String peer, String local, String text) {
        if (entries.size() >= maxMessages || chars + text.length() > maxChars) {
            dropped++;
            return;
        }
        chars += text.length();
        int eol = text.indexOf('\r');
        entries.add(new Entry(Instant.now().toString(), aCallId.equals(callId) ? "A" : "B", incoming ? "in" : "out", peer,
                eol < 0 ? text : text.substring(0, eol), text, local));
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    synchronized int dropped() {
        return dropped;
    }
}
