package io.switchboard.sip.core.internal.dispatch;

import javax.sip.ResponseEvent;

/**
 * A request the switch sent on its own behalf (a trunk's probe or registration), set as its client
 * transaction's application data: its responses and timeout go to it, not to the calls.
 */
public interface PendingRequest {

    void response(ResponseEvent event) throws Exception;

    void timeout();
}
