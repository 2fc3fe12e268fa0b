package io.switchboard.sip.core.internal.dispatch;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;

/** Requests inside a dialog, and ACKs: to the call whose dialog they belong to (481 when none). */
public final class InDialogRequestDispatcher implements RequestDispatcher {

    private final CallHandler calls;

    public InDialogRequestDispatcher(CallHandler calls) {
        this.calls = calls;
    }

    @Override
    public void dispatch(RequestKind kind, RequestEvent event, SipProvider provider, ServerTransaction tx)
            throws Exception {
        switch (kind) {
            case IN_DIALOG -> calls.inDialog(event, tx);
            case ACK -> calls.ack(event);
            default -> throw new IllegalArgumentException("Not a request inside a dialog: " + kind);
        }
    }
}
