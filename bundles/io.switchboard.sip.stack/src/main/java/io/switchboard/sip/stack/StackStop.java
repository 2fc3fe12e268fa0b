package io.switchboard.sip.stack;

import javax.sip.SipStack;

/**
 * Stops a jain-sip stack without its closing pause. After closing its sockets and stopping its timer,
 * jain-sip sleeps a second "to let processing complete"; the switch (or a phone) has ended its calls by
 * then, so the pause only delayed every stop and restart of the server, and every phone's close, by a second.
 * The sleep returns at once on an interrupted thread, and nothing before it in the stop blocks.
 */
public final class StackStop {

    private StackStop() {
    }

    /** Stops the stack at once; an interrupt the calling thread had is kept. */
    public static void withoutPause(SipStack stack) {
        boolean interrupted = Thread.interrupted();
        Thread.currentThread().interrupt();
        try {
            stack.stop();
        } finally {
            Thread.interrupted();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
