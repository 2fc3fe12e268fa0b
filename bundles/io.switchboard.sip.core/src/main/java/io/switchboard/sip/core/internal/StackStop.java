package io.switchboard.sip.core.internal;

import javax.sip.SipStack;

/**
 * Stops a jain-sip stack without its closing pause. After closing its sockets and stopping its timer,
 * jain-sip sleeps a second "to let processing complete"; the switch has ended its calls and closed its
 * listening points by then, so the pause only delayed every stop and restart of the server by a second.
 * The sleep returns at once on an interrupted thread, and nothing before it in the stop blocks.
 */
final class StackStop {

    private StackStop() {
    }

    static void withoutPause(SipStack stack) {
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
