package io.switchboard.sip.handler.api;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves one SIP method outside a dialog, registered with the service property {@link #METHOD}.
 * Without a handler for its method a request gets 501.
 */
@FunctionalInterface
@ConsumerType
public interface RequestHandler {

    /** The service property naming the method served, such as {@code MESSAGE}. */
    String METHOD = "sip.method";

    /**
     * Answers the request through {@link SwitchFacilities#respond}, now or later; must not block.
     *
     * @param tx the request's server transaction
     */
    void handle(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception;
}
