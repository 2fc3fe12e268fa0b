package io.switchboard.subscription.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;
import io.switchboard.sip.handler.api.PendingRequest;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.sip.handler.api.Way;

/**
 * Sends the NOTIFYs of a subscription (RFC 6665 section 4.2.2), built from what the database keeps of
 * its dialog, so that any server can send them: the phone's Contact reached as its SUBSCRIBE came
 * (behind NAT, over its connection), the route set, the next CSeq. A subscriber that answers 481,
 * another failure or nothing at all has gone: its subscription ends.
 */
final class Notifier {

    private static final Logger LOG = System.getLogger(Notifier.class.getName());

    private final SwitchFacilities sip;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Function<String, Optional<List<String>>> members;

    /** @param members the users of a resource list, by its name */
    Notifier(SwitchFacilities sip, Function<String, Optional<List<String>>> members) {
        this.members = members;
        this.sip = sip;
        this.messages = sip.messages();
        this.headers = sip.headers();
        this.addresses = sip.addresses();
    }

    /**
     * @param row the subscription with this NOTIFY's CSeq and version ({@link SubscriptionTable#next})
     * @param terminated why the subscription ends ("timeout", "deactivated", "noresource"), or null while active
     * @param gone told when the subscriber answers that it has gone
     */
    void send(SubscriptionTable.Row row, EventPackage pkg, String terminated, Consumer<String> gone) {
        try {
            Request notify = request(row, pkg, terminated);
            ClientTransaction ct = sip.way(notify.getRequestURI()).provider().getNewClientTransaction(notify);
            ct.setApplicationData(new PendingRequest() {
                @Override
                public void response(ResponseEvent event) {
                    int status = event.getResponse().getStatusCode();
                    if (status >= 300 && terminated == null) {
                        gone.accept(row.id());
                        LOG.log(Level.INFO, "Subscription of " + row.subscriber() + " to " + row.event() + " of "
                                + row.resource() + " ended: its NOTIFY got " + status);
                    }
                }

                @Override
                public void timeout() {
                    if (terminated == null) {
                        gone.accept(row.id());
                        LOG.log(Level.INFO, "Subscription of " + row.subscriber() + " to " + row.event() + " of "
                                + row.resource() + " ended: its NOTIFY got no answer");
                    }
                }
            });
            ct.sendRequest();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot notify " + row.subscriber() + " of " + row.resource() + ": " + e);
        }
    }

    /**
     * Tells one of a user's phones the package's state of that user in a NOTIFY outside any dialog
     * (RFC 3842's unsolicited NOTIFY): a new Call-ID, the user's own address in From and To. The
     * answer is not waited for: a phone that refuses it is simply not set up for it.
     */
    void unsolicited(PhoneBinding phone, EventPackage pkg) {
        try {
            URI target = sip.reach(phone);
            Way way = sip.way(target);
            SipProvider provider = way.provider();
            ListeningPoint lp = way.point();
            String transport = way.transport();
            String us = way.host();
            SipURI user = addresses.createSipURI(phone.username(), us);
            String uri = user.toString();
            Request r = messages.createRequest(target, Request.NOTIFY, provider.getNewCallId(),
                    headers.createCSeqHeader(1L, Request.NOTIFY),
                    headers.createFromHeader(addresses.createAddress(user), UUID.randomUUID().toString()
                            .substring(0, 12)),
                    headers.createToHeader(addresses.createAddress(user), null),
                    new ArrayList<>(List.of(headers.createViaHeader(us, lp.getPort(), transport, null))),
                    headers.createMaxForwardsHeader(70));
            SipURI contact = addresses.createSipURI(null, us);
            contact.setPort(lp.getPort());
            if (!"udp".equals(transport)) {
                contact.setTransportParam(transport);
            }
            r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
            r.addHeader(headers.createEventHeader(pkg.event()));
            r.addHeader(headers.createSubscriptionStateHeader(SubscriptionStateHeader.ACTIVE));
            byte[] body = pkg.state(new Subscription("unsolicited", pkg.event(),
                    phone.username(), uri, phone.username(), phone.contact(), 0, phone.expiresAt()));
            String[] type = pkg.contentType().split("/", 2);
            r.setContent(body, headers.createContentTypeHeader(type[0], type[1]));
            provider.getNewClientTransaction(r).sendRequest();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Cannot tell " + phone.username() + " at " + phone.contact() + " of its "
                    + pkg.event() + ": " + e);
        }
    }

    private Request request(SubscriptionTable.Row row, EventPackage pkg, String terminated) throws Exception {
        List<String> routes = routeSet(row.routeSet());
        URI target = routes.isEmpty() ? sip.reach(new PhoneBinding(row.subscriber(), row.contact(), row.expires(), null,
                row.callId(), 0, row.source(), null, null, null, null, null)) : addresses.createURI(row.contact());
        URI next = routes.isEmpty() ? target : ((Address) addresses.createAddress(routes.get(0))).getURI();
        Way way = sip.way(next);
        ListeningPoint lp = way.point();
        String transport = way.transport();
        String us = way.host();
        List<ViaHeader> via = new ArrayList<>(List.of(headers.createViaHeader(us, lp.getPort(), transport, null)));
        Request r = messages.createRequest(target, Request.NOTIFY, headers.createCallIdHeader(row.callId()),
                headers.createCSeqHeader(row.localCseq(), Request.NOTIFY),
                headers.createFromHeader(addresses.createAddress(row.localUri()), row.localTag()),
                headers.createToHeader(addresses.createAddress(row.remoteUri()), row.remoteTag()), via,
                headers.createMaxForwardsHeader(70));
        for (String route : routes) {
            r.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        }
        SipURI contact = addresses.createSipURI(null, us);
        contact.setPort(lp.getPort());
        if (!"udp".equals(transport)) {
            contact.setTransportParam(transport);
        }
        r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        r.addHeader(headers.createEventHeader(row.event()));
        long left = Math.max(0, Duration.between(Instant.now(), row.expires()).toSeconds());
        SubscriptionStateHeader state = headers.createSubscriptionStateHeader(terminated == null
                ? SubscriptionStateHeader.ACTIVE : SubscriptionStateHeader.TERMINATED);
        if (terminated == null) {
            state.setExpires((int) left);
        } else {
            state.setReasonCode(terminated);
        }
        r.addHeader(state);
        if (pkg != null && row.list()) {
            r.addHeader(headers.createRequireHeader("eventlist"));
            ContentTypeHeader type = headers.createContentTypeHeader("multipart", "related");
            type.setParameter("type", "\"application/rlmi+xml\"");
            type.setParameter("start", "\"<list@switchboard>\"");
            type.setParameter("boundary", "\"" + ListBody.BOUNDARY + "\"");
            r.setContent(ListBody.of(row, pkg, members.apply(row.resource()).orElse(List.of())), type);
        } else if (pkg != null) {
            byte[] body = pkg.state(row.subscription());
            String[] type = pkg.contentType().split("/", 2);
            r.setContent(body, headers.createContentTypeHeader(type[0], type[1]));
        }
        return r;
    }

    /** @return the Record-Route entries a SUBSCRIBE carried, in order */
    static List<String> routeSet(String stored) {
        List<String> out = new ArrayList<>();
        if (stored == null || stored.isBlank()) {
            return out;
        }
        for (String entry : stored.split("\n")) {
            if (!entry.isBlank()) {
                out.add(entry.trim());
            }
        }
        return out;
    }
}
