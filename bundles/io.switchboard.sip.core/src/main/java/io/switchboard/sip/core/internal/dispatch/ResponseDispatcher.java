package io.switchboard.sip.core.internal.dispatch;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

import io.switchboard.sip.handler.api.PendingRequest;

/**
 * Responses and client timeouts: to the {@link PendingRequest} of the switch's own requests (trunk
 * probes and registrations), otherwise to the calls. A response without a transaction (a stray 2xx
 * retransmission) goes to the calls, which acknowledge and end a dialog they no longer have.
 */
public final class ResponseDispatcher {

    private final CallHandler calls;

    public ResponseDispatcher(CallHandler calls) {
        this.calls = calls;
    }

    public void response(ResponseEvent event) throws Exception {
        PendingRequest pending = pending(event.getClientTransaction());
        if (pending != null) {
            pending.response(event);
        } else {
            calls.response(event);
        }
    }

    public void timeout(TimeoutEvent event) {
        PendingRequest pending = event.isServerTransaction() ? null : pending(event.getClientTransaction());
        if (pending != null) {
            pending.timeout();
        } else {
            calls.timeout(event);
        }
    }

    private static PendingRequest pending(ClientTransaction tx) {
        return tx != null && tx.getApplicationData() instanceof PendingRequest p ? p : null;
    }
}
