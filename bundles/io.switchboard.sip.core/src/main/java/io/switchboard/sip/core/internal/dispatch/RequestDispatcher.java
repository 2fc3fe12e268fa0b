package io.switchboard.sip.core.internal.dispatch;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;

/**
 * Serves the requests of some {@link RequestKind}s, once they passed the checks that every request
 * gets. One per concern, as RestComm sip-servlets' dispatchers: initial requests, requests inside a
 * dialog, CANCEL.
 */
public interface RequestDispatcher {

    /**
     * @param tx the request's server transaction, or null for the kinds served without one
     *            ({@link RequestKind#stateless()})
     */
    void dispatch(RequestKind kind, RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception;
}
