package io.switchboard.sip.core.internal.dispatch;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.message.Response;

/** Sends the switch's own final answers: in their transaction, or without one when {@code tx} is null. */
@FunctionalInterface
public interface Responder {

    void send(SipProvider provider, ServerTransaction tx, Response response) throws Exception;
}
