package io.switchboard.sip.core.internal.dispatch;

import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;

/** What the dispatchers hand to the calls (the B2BUA): every request and response of a call. */
public interface CallHandler {

    /** A new INVITE, with its server transaction. */
    void invite(RequestEvent event, ServerTransaction tx) throws Exception;

    /** A request inside a dialog: re-INVITE, BYE, UPDATE, INFO, ... */
    void inDialog(RequestEvent event, ServerTransaction tx) throws Exception;

    /** An ACK: never answered. */
    void ack(RequestEvent event) throws Exception;

    /** A CANCEL of a pending INVITE. */
    void cancel(RequestEvent event, ServerTransaction tx) throws Exception;

    /** A response to a request a call sent. */
    void response(ResponseEvent event) throws Exception;

    /** A request a call sent got no answer. */
    void timeout(TimeoutEvent event);
}
