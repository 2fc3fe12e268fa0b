package io.switchboard.mgmt.api;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every resource does with a request body it did not read: it reads it away before answering.
 * A request answered before its body was all read (refused early, or served without needing it) left
 * Jetty to decide whether the connection could carry the next request; when the body had not all
 * arrived yet, it closed the connection without saying so, and a client reusing it got no answer
 * ("HTTP/1.1 header parser received no bytes").
 */
public final class RequestBodies {

    /** The most read away; past it the connection is closed, and the answer says so. */
    public static final int DRAIN_LIMIT = 1 << 20;

    private RequestBodies() {
    }

    /** Reads away the rest of a POST's or PUT's body; call it before the answer is committed. */
    public static void finish(HttpServletRequest req, HttpServletResponse resp) {
        if (!req.getMethod().equals("POST") && !req.getMethod().equals("PUT") || req.getContentLengthLong() == 0) {
            return;
        }
        try {
            InputStream in = req.getInputStream();
            long left = DRAIN_LIMIT;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0 && in.read() < 0) {
                    return;
                }
                left -= Math.max(skipped, 1);
            }
            close(resp);
        } catch (IOException | IllegalStateException unreadable) {
            close(resp); // read as a reader already, or the client went away
        }
    }

    private static void close(HttpServletResponse resp) {
        if (!resp.isCommitted()) {
            resp.setHeader("Connection", "close");
        }
    }
}
