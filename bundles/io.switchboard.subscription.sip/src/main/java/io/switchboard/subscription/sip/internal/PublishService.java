package io.switchboard.subscription.sip.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.sql.DataSource;

import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.handler.api.Caller;
import io.switchboard.sip.handler.api.RequestHandler;
import io.switchboard.sip.handler.api.SwitchFacilities;

/**
 * PUBLISH (RFC 3903): a phone states its own user's presence (away, busy, offline). The publisher
 * authenticates as for a call and publishes for itself only. Each publication is kept in the database
 * under an entity tag the switch makes: a refresh (SIP-If-Match, no body), a change (SIP-If-Match
 * with a body) or a removal (Expires 0) names it; each gets a new tag. Every change tells the
 * subscriptions of that user's state.
 */
public final class PublishService implements RequestHandler {

    private final SwitchFacilities sip;
    private final Supplier<List<EventPackage>> packages;
    private final PublicationTable table;
    private final BiConsumer<String, String> changed;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final SubscribeService.Limits limits;
    private final EventRequests requests;

    /** @param changed told (package, user) when a user's published state changed */
    public PublishService(SwitchFacilities sip, Supplier<List<EventPackage>> packages, DataSource db,
            BiConsumer<String, String> changed, SubscribeService.Limits limits) {
        this.sip = sip;
        this.packages = packages;
        this.table = new PublicationTable(db);
        this.changed = changed;
        this.messages = sip.messages();
        this.headers = sip.headers();
        this.limits = limits;
        this.requests = new EventRequests(sip);
    }

    @Override
    public void handle(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        Optional<EventPackage> pkg = requests.packageOf(request,
                packages.get().stream().filter(EventPackage::publishable).toList(), provider, tx);
        if (pkg.isEmpty()) {
            return;
        }
        Caller who = sip.authenticate(request);
        if (!who.ok()) {
            sip.respond(provider, tx, who.challenge());
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String fromUser = from.getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
        String target = request.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        if (!who.user().equals(fromUser) || !who.user().equals(target)) {
            reply(provider, tx, request, Response.FORBIDDEN, who.user() + " publishes its own state only");
            return;
        }
        int expires = requests.expires(request, limits, provider, tx);
        if (expires < 0) {
            return;
        }
        byte[] body = request.getRawContent() == null || request.getRawContent().length == 0 ? null
                : request.getRawContent();
        Header match = request.getHeader("SIP-If-Match");
        String event1 = pkg.get().event();
        String newTag = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        if (match == null) {
            if (body == null || expires == 0) {
                reply(provider, tx, request, Response.BAD_REQUEST, "A new publication needs a body");
                return;
            }
            table.insert(newTag, event1, who.user(), body, now.plusSeconds(expires));
        } else {
            String oldTag = value(match);
            Optional<PublicationTable.Row> old = table.byTag(oldTag, now);
            if (old.isEmpty() || !old.get().resource().equals(who.user())) {
                reply(provider, tx, request, Response.CONDITIONAL_REQUEST_FAILED, "No publication " + oldTag);
                return;
            }
            if (expires == 0) {
                table.remove(oldTag);
            } else {
                table.replace(oldTag, newTag, body, now.plusSeconds(expires));
            }
        }
        Response ok = messages.createResponse(Response.OK, request);
        ok.addHeader(headers.createExpiresHeader(expires));
        if (expires > 0) {
            ok.addHeader(headers.createHeader("SIP-ETag", newTag));
        }
        sip.respond(provider, tx, ok);
        if (body != null || expires == 0) {
            changed.accept(event1, who.user());
        }
    }

    /** @return the user's newest publication of the package that has not expired */
    public Optional<byte[]> published(String event, String user) {
        return table.newest(event, user, Instant.now()).map(PublicationTable.Row::body);
    }

    /** Publications past their expiry go; their users' watchers are told. */
    public void expire() {
        for (PublicationTable.Row row : table.expired(Instant.now())) {
            table.remove(row.etag());
            changed.accept(row.event(), row.resource());
        }
    }

    private static String value(Header h) {
        String text = h.toString();
        return text.substring(text.indexOf(':') + 1).trim();
    }

    private void reply(SipProvider provider, ServerTransaction tx, Request request, int status, String reason)
            throws Exception {
        requests.reply(provider, tx, request, status, reason);
    }
}
