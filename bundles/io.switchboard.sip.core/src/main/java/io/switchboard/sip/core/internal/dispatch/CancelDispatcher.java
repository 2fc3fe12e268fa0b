package io.switchboard.sip.core.internal.dispatch;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;

/**
 * CANCEL: to the call whose INVITE it cancels. A dispatcher of its own because a CANCEL is matched to
 * a transaction, not a dialog (RFC 3261 section 9.2), and is answered before the INVITE it ends.
 */
public final class CancelDispatcher implements RequestDispatcher {

    private final CallHandler calls;

    public CancelDispatcher(CallHandler calls) {
        this.calls = calls;
    }

    @Override
    public void dispatch(RequestKind kind, RequestEvent event, SipProvider provider, ServerTransaction tx)
            throws Exception {
        if (kind != RequestKind.CANCEL) {
            throw new IllegalArgumentException("Not a CANCEL: " + kind);
        }
        calls.cancel(event, tx);
    }
}
