package io.switchboard.sip.stack;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * How many of jain-sip's warnings and errors reach the server's log: a few a minute, each on one line
 * without its stack trace. A stream of malformed datagrams makes jain-sip log a trace for nearly every
 * one of them (its {@code createBadReqRes} failing); unbounded, a fuzzing run wrote 129 MB in three
 * minutes and the rotation lost the start-up lines. What is left out is counted and said once a window.
 */
public final class StackLogBudget {

    private static final Logger LOG = System.getLogger(StackLogBudget.class.getName());

    private final int perWindow;
    private final long windowMillis;
    private long windowStart;
    private int used;
    private long dropped;

    private final String what;

    StackLogBudget(int perWindow, long windowMillis) {
        this(perWindow, windowMillis, "jain-sip wrote %d more warning(s)");
    }

    /** @param what the sentence of the lines left out, with %d for their number */
    public StackLogBudget(int perWindow, long windowMillis, String what) {
        this.perWindow = perWindow;
        this.windowMillis = windowMillis;
        this.what = what;
    }

    /** @return whether a line may be written now; a line left out is counted */
    public synchronized boolean take(long nowMillis) {
        if (nowMillis - windowStart >= windowMillis) {
            if (dropped > 0) {
                LOG.log(Level.WARNING, String.format(what, dropped) + " in the last " + windowMillis / 1000
                        + " s, left out of this log (they are counted in GET /api/v1/sip/status)");
            }
            windowStart = nowMillis;
            used = 0;
            dropped = 0;
        }
        if (used < perWindow) {
            used++;
            return true;
        }
        dropped++;
        return false;
    }

    /** @return the lines left out in the current window */
    synchronized long dropped() {
        return dropped;
    }
}
