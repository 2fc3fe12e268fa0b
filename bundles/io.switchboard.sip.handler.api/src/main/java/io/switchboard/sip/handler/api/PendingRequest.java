package io.switchboard.sip.handler.api;

import javax.sip.ResponseEvent;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A request the switch or a handler sent on its own behalf, set as its client transaction's
 * application data: its responses and its timeout come here, not to the calls.
 */
@ConsumerType
public interface PendingRequest {

    void response(ResponseEvent event) throws Exception;

    void timeout();
}
