package io.switchboard.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a stream of SIP messages (TCP, RFC 3261 18.3) stands: between messages, in a message's
 * head or in its body, as far as its bytes have been seen. Blank lines between messages (the CRLF
 * keep-alives of RFC 5626) belong to no message; a head ends at its first empty line and its body
 * is Content-Length bytes (full or compact name), as jain-sip's own reader frames them. One reader
 * thread feeds it.
 */
final class MessageFrames {

    /** Of each header line only its start is kept: enough for a Content-Length and its value. */
    private static final int LINE_KEPT = 64;

    private enum State { BETWEEN, HEAD, BODY }

    private State state = State.BETWEEN;
    private final byte[] line = new byte[LINE_KEPT];
    private int kept;
    private int lineLength;
    private long contentLength;
    private long bodyLeft;
    private long completed;

    /** Reads bytes as they came from the connection. */
    void feed(byte[] b, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte c = b[i];
            switch (state) {
                case BETWEEN -> {
                    if (c != '\r' && c != '\n') {
                        state = State.HEAD;
                        contentLength = 0;
                        kept = 0;
                        lineLength = 0;
                        take(c);
                    }
                }
                case HEAD -> {
                    if (c == '\n') {
                        endOfLine();
                    } else {
                        take(c);
                    }
                }
                case BODY -> {
                    long n = Math.min(bodyLeft, end - i);
                    bodyLeft -= n;
                    i += (int) n - 1;
                    if (bodyLeft == 0) {
                        finished();
                    }
                }
            }
        }
    }

    /** @return whether a message has begun and not ended */
    boolean inMessage() {
        return state != State.BETWEEN;
    }

    /** @return the messages read whole so far */
    long completed() {
        return completed;
    }

    private void take(byte c) {
        if (c == '\r') {
            return;
        }
        if (kept < LINE_KEPT) {
            line[kept++] = c;
        }
        lineLength++;
    }

    private void endOfLine() {
        if (lineLength == 0) {
            if (contentLength > 0) {
                state = State.BODY;
                bodyLeft = contentLength;
            } else {
                finished();
            }
            return;
        }
        String text = new String(line, 0, kept, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon > 0) {
            String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                contentLength = length(text.substring(colon + 1).trim());
            }
        }
        kept = 0;
        lineLength = 0;
    }

    /** @return the length a Content-Length value says, 0 when it says none (jain-sip refuses such a message) */
    private static long length(String value) {
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9' || n > Integer.MAX_VALUE) {
                return i == 0 ? 0 : n;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private void finished() {
        completed++;
        state = State.BETWEEN;
    }
}
