package io.switchboard.subscription.sip.internal;

import java.util.List;
import java.util.Optional;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.handler.api.SwitchFacilities;

/** What SUBSCRIBE and PUBLISH judge alike: the Event header's package, the interval, a refusal's words. */
final class EventRequests {

    private final SwitchFacilities sip;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    EventRequests(SwitchFacilities sip) {
        this.sip = sip;
        this.messages = sip.messages();
        this.headers = sip.headers();
    }

    /** @return the package the Event header names among those offered, or empty once 489 named them */
    Optional<EventPackage> packageOf(Request request, List<EventPackage> offered, SipProvider provider,
            ServerTransaction tx) throws Exception {
        EventHeader eh = (EventHeader) request.getHeader(EventHeader.NAME);
        Optional<EventPackage> pkg = eh == null ? Optional.empty()
                : offered.stream().filter(p -> p.event().equalsIgnoreCase(eh.getEventType())).findFirst();
        if (pkg.isEmpty()) {
            Response bad = messages.createResponse(Response.BAD_EVENT, request);
            for (EventPackage p : offered) {
                bad.addHeader(headers.createAllowEventsHeader(p.event()));
            }
            sip.respond(provider, tx, bad);
        }
        return pkg;
    }

    /** @return the granted interval in seconds, or -1 once 423 named the least */
    int expires(Request request, SubscribeService.Limits limits, SipProvider provider, ServerTransaction tx)
            throws Exception {
        ExpiresHeader eh = request.getExpires();
        int asked = eh == null ? limits.defaultExpires() : eh.getExpires();
        if (asked > 0 && asked < limits.minExpires()) {
            Response brief = messages.createResponse(Response.INTERVAL_TOO_BRIEF, request);
            brief.addHeader(headers.createMinExpiresHeader(limits.minExpires()));
            sip.respond(provider, tx, brief);
            return -1;
        }
        return Math.min(asked, limits.maxExpires());
    }

    /** Answers with a status and its reason in words (one line). */
    void reply(SipProvider provider, ServerTransaction tx, Request request, int status, String reason) throws Exception {
        Response r = messages.createResponse(status, request);
        r.setReasonPhrase(reason.replaceAll("[\\r\\n]+", " "));
        sip.respond(provider, tx, r);
    }
}
