package io.switchboard.subscription.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.sql.DataSource;

import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.ResourceLists;
import io.switchboard.sip.api.subscription.Subscription;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.sip.handler.api.Caller;
import io.switchboard.sip.handler.api.RequestHandler;
import io.switchboard.sip.handler.api.SwitchFacilities;
import io.switchboard.sip.stack.PacketSource;

/**
 * SUBSCRIBE (RFC 6665) to the event packages plugins serve. The subscriber authenticates as for a
 * call, with its own name in From; the resource is the user the request URI routes to. Each
 * subscription's dialog is kept in the database, and every SUBSCRIBE (new, refresh, or Expires 0 to
 * end it) is answered 200 and followed by a NOTIFY with the whole state. Expired subscriptions get a
 * last NOTIFY (terminated;reason=timeout).
 */
public final class SubscribeService implements Subscriptions, RequestHandler {

    private static final Logger LOG = System.getLogger(SubscribeService.class.getName());

    /** How long a subscription may last: at least min, at most max, default when the phone names none. */
    public record Limits(int minExpires, int maxExpires, int defaultExpires) {
    }

    private final SwitchFacilities sip;
    private final RoutingService routing;
    private final Supplier<List<EventPackage>> packages;
    private final Supplier<List<ResourceLists>> lists;
    private final SubscriptionTable table;
    private final Notifier notifier;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Limits limits;
    private final EventRequests requests;
    private BiFunction<String, String, Optional<byte[]>> publications = (e, u) -> Optional.empty();
    private final Executor later;
    private final NotifyOrder order = new NotifyOrder();

    /** @param later where a user's phones are looked up and told after a registration, off the registrar's thread */
    public SubscribeService(SwitchFacilities sip, RoutingService routing, Supplier<List<EventPackage>> packages,
            Supplier<List<ResourceLists>> lists, DataSource db, Executor later,
            Limits limits) {
        this.sip = sip;
        this.later = later;
        this.routing = routing;
        this.packages = packages;
        this.lists = lists;
        this.table = new SubscriptionTable(db);
        this.notifier = new Notifier(sip, this::members);
        this.messages = sip.messages();
        this.headers = sip.headers();
        this.addresses = sip.addresses();
        this.limits = limits;
        this.requests = new EventRequests(sip);
    }

    @Override
    public void handle(RequestEvent event, SipProvider provider, ServerTransaction tx) throws Exception {
        Request request = event.getRequest();
        Optional<EventPackage> pkg = requests.packageOf(request, packages.get(), provider, tx);
        if (pkg.isEmpty()) {
            return;
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to.getTag() != null) {
            refresh(request, provider, tx, pkg.get(), to.getTag());
            return;
        }
        Caller who = sip.authenticate(request);
        if (!who.ok()) {
            sip.respond(provider, tx, who.challenge());
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String fromUser = from.getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (!who.user().equals(fromUser)) {
            reply(provider, tx, request, Response.FORBIDDEN, "From " + fromUser + " is not the authenticated user "
                    + who.user());
            return;
        }
        if (contact == null || from.getTag() == null) {
            reply(provider, tx, request, Response.BAD_REQUEST, "A SUBSCRIBE needs a Contact and a From tag");
            return;
        }
        if (!accepts(request, pkg.get().contentType())) {
            reply(provider, tx, request, Response.NOT_ACCEPTABLE, "The " + pkg.get().event() + " package sends "
                    + pkg.get().contentType());
            return;
        }
        int expires = expires(request, provider, tx);
        if (expires < 0) {
            return;
        }
        String dialled = request.getRequestURI() instanceof SipURI s ? s.getUser() : null;
        Optional<List<String>> members = dialled == null ? Optional.empty() : members(dialled);
        String resource;
        if (members.isPresent()) {
            if (!supports(request, "eventlist")) {
                Response required = messages.createResponse(Response.EXTENSION_REQUIRED, request);
                required.addHeader(headers.createRequireHeader("eventlist"));
                sip.respond(provider, tx, required);
                return;
            }
            // a list's members are users: its lamps are the users' package of the event, whichever package came first
            String named = pkg.get().event();
            Optional<EventPackage> users = packages.get().stream().filter(p -> p.event().equalsIgnoreCase(named)
                    && !p.targets()).findFirst();
            if (users.isEmpty()) {
                reply(provider, tx, request, Response.NOT_FOUND, "No users' " + named + " package for the list "
                        + dialled);
                return;
            }
            pkg = users;
            resource = dialled;
        } else {
            RouteDecision d = dialled == null ? null
                    : routing.route(new RouteRequest(who.user(), null, dialled, Instant.now()));
            boolean target = pkg.get().targets();
            Optional<EventPackage> serving = d == null ? Optional.empty() : serving(pkg.get().event(), d);
            if (serving.isEmpty()) {
                reply(provider, tx, request, Response.NOT_FOUND, "No " + (target ? "room " : "user ") + dialled
                        + " to watch");
                return;
            }
            pkg = serving;
            resource = d.destination();
        }
        for (String watched : members.orElse(List.of(resource))) {
            String refusal = pkg.get().refusal(who.user(), watched);
            if (refusal != null) {
                reply(provider, tx, request, Response.FORBIDDEN, refusal);
                return;
            }
        }
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        SubscriptionTable.Row row = new SubscriptionTable.Row(UUID.randomUUID().toString(), pkg.get().event(),
                resource, members.isPresent(), who.user(), ((CallIdHeader) request.getHeader("Call-ID")).getCallId(),
                tag, from.getTag(), to.getAddress().getURI().toString(), from.getAddress().getURI().toString(),
                contact.getAddress().getURI().toString(), routeSet(request), PacketSource.of(request).toString(),
                expires > 0 ? 0 : 1, 0, Instant.now().plusSeconds(expires));
        if (expires > 0) {
            table.insert(row);
        }
        accepted(provider, tx, request, tag, expires, row.list());
        if (expires > 0) {
            notify(row, pkg.get());
        } else {
            // a fetch (Expires 0): one NOTIFY with the state, and no subscription
            notifier.send(row, pkg.get(), "timeout", id -> { });
        }
    }

    private void refresh(Request request, SipProvider provider, ServerTransaction tx, EventPackage named, String tag)
            throws Exception {
        String callId = ((CallIdHeader) request.getHeader("Call-ID")).getCallId();
        Optional<SubscriptionTable.Row> found = table.byDialog(callId, tag);
        if (found.isEmpty() || !found.get().event().equals(named.event())) {
            reply(provider, tx, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No such subscription");
            return;
        }
        EventPackage pkg = find(named.event(), found.get().resource()).orElse(named);
        int expires = expires(request, provider, tx);
        if (expires < 0) {
            return;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        SubscriptionTable.Row row = found.get();
        if (expires == 0) {
            // removed before the 200, so that the expiry sweep cannot end it too and overtake the 200
            order.of(row.event(), row.resource(), () -> {
                Optional<SubscriptionTable.Row> last = table.next(row.id()).filter(r -> table.remove(r.id()));
                accepted(provider, tx, request, tag, expires, row.list());
                last.ifPresent(r -> notifier.send(r, pkg, "timeout", id -> { }));
            });
            return;
        }
        table.refresh(row.id(), Instant.now().plusSeconds(expires),
                contact == null ? row.contact() : contact.getAddress().getURI().toString(),
                PacketSource.of(request).toString());
        accepted(provider, tx, request, tag, expires, row.list());
        notify(row, pkg);
    }

    /** Sends the subscription its next NOTIFY, with the package's state; ends it when the phone has gone. */
    private void notify(SubscriptionTable.Row subscription, EventPackage pkg) {
        order.of(subscription.event(), subscription.resource(), () -> table.next(subscription.id())
                .ifPresent(row -> notifier.send(row, pkg, null, table::remove)));
    }

    @Override
    public void changed(String event, String resource) {
        Optional<EventPackage> pkg = find(event, resource);
        if (pkg.isEmpty()) {
            return;
        }
        if (pkg.get().unsolicited(resource)) {
            tellPhones(pkg.get(), resource);
        }
        Instant now = Instant.now();
        List<SubscriptionTable.Row> concerned = table.concerned(event, resource, now);
        if (concerned.stream().anyMatch(row -> !row.list())) {
            order.of(event, resource, () -> {
                for (SubscriptionTable.Row row : table.nextAll(event, resource, now)) {
                    notifier.send(row, pkg.get(), null, table::remove);
                }
            });
        }
        for (SubscriptionTable.Row row : concerned) {
            if (row.list() && members(row.resource()).orElse(List.of()).contains(resource)) {
                notify(row, pkg.get());
            }
        }
    }

    /** A phone of the user registered: it learns, unsolicited, the state of each package that tells it so. */
    public void registered(String user) {
        for (EventPackage pkg : packages.get()) {
            if (pkg.unsolicited(user)) {
                later.execute(() -> tellPhones(pkg, user));
            }
        }
    }

    private void tellPhones(EventPackage pkg, String user) {
        for (PhoneBinding phone : sip.phones(user)) {
            notifier.unsolicited(phone, pkg);
        }
    }

    /** @param published the states users' phones published themselves, by package and user */
    public void publications(BiFunction<String, String, Optional<byte[]>> published) {
        this.publications = published;
    }

    @Override
    public Optional<byte[]> published(String event, String user) {
        return publications.apply(event, user);
    }

    @Override
    public List<Subscription> list() {
        return table.all(Instant.now()).stream().map(SubscriptionTable.Row::subscription).toList();
    }

    /** Ends the subscriptions past their expiry, each with a last NOTIFY. */
    public void expire() {
        try {
            Instant now = Instant.now();
            for (SubscriptionTable.Row row : table.expired(now)) {
                order.of(row.event(), row.resource(), () -> {
                    // its last CSeq and version taken under the lock; a refresh that came meanwhile keeps it
                    Optional<SubscriptionTable.Row> last = table.next(row.id());
                    if (last.isPresent() && table.removeExpired(row.id(), now)) {
                        notifier.send(last.get(), find(row.event(), row.resource()).orElse(null), "timeout",
                                id -> { });
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot end expired subscriptions: " + e.getMessage());
        }
    }

    /** @return the users of the resource list of this name, from the first provider that knows it */
    private Optional<List<String>> members(String list) {
        for (ResourceLists provider : lists.get()) {
            Optional<List<String>> found = provider.members(list);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean supports(Request request, String option) {
        ListIterator<?> it = request.getHeaders(SupportedHeader.NAME);
        while (it.hasNext()) {
            if (((SupportedHeader) it.next()).getOptionTag().equalsIgnoreCase(option)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the package of that event that serves the resource: one whose resources are call targets and that
     *         serves it first (a park slot's lamp), else the first that serves it
     */
    private Optional<EventPackage> find(String event, String resource) {
        List<EventPackage> named = packages.get().stream().filter(p -> p.event().equalsIgnoreCase(event)).toList();
        return named.stream().filter(p -> p.targets() && p.serves(resource)).findFirst()
                .or(() -> named.stream().filter(p -> p.serves(resource)).findFirst());
    }

    /** @return the package of that event for what the SUBSCRIBE's address routes to: a user, or a call target */
    private Optional<EventPackage> serving(String event, RouteDecision d) {
        boolean target = d.outcome() == RouteDecision.Outcome.TARGET;
        if (!target && d.outcome() != RouteDecision.Outcome.USER) {
            return Optional.empty();
        }
        return packages.get().stream().filter(p -> p.event().equalsIgnoreCase(event) && p.targets() == target
                && p.serves(d.destination())).findFirst();
    }

    /** @return the granted lifetime in seconds, or -1 after answering 423 */
    private int expires(Request request, SipProvider provider, ServerTransaction tx) throws Exception {
        return requests.expires(request, limits, provider, tx);
    }

    private static boolean accepts(Request request, String type) {
        ListIterator<?> it = request.getHeaders(AcceptHeader.NAME);
        boolean any = false;
        while (it.hasNext()) {
            AcceptHeader a = (AcceptHeader) it.next();
            any = true;
            String t = a.getContentType() + "/" + a.getContentSubType();
            if (t.equalsIgnoreCase(type) || t.equals("*/*") || (a.getContentSubType().equals("*")
                    && type.startsWith(a.getContentType() + "/"))) {
                return true;
            }
        }
        return !any;
    }

    private static String routeSet(Request request) {
        List<String> routes = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(RecordRouteHeader.NAME);
        while (it.hasNext()) {
            routes.add(((RecordRouteHeader) it.next()).getAddress().toString());
        }
        return routes.isEmpty() ? null : String.join("\n", routes);
    }

    private void accepted(SipProvider provider, ServerTransaction tx, Request request, String tag, int expires,
            boolean list) throws Exception {
        Response ok = messages.createResponse(Response.OK, request);
        if (list) {
            ok.addHeader(headers.createRequireHeader("eventlist"));
        }
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag);
        ok.addHeader(headers.createExpiresHeader(expires));
        if (request.getRequestURI() instanceof SipURI uri) {
            // the address the phone reached us at, where its refreshes come
            SipURI us = (SipURI) uri.clone();
            us.setUser(null);
            ok.addHeader(headers.createContactHeader(addresses.createAddress(us)));
        }
        sip.respond(provider, tx, ok);
    }

    private void reply(SipProvider provider, ServerTransaction tx, Request request, int status, String reason)
            throws Exception {
        requests.reply(provider, tx, request, status, reason);
    }
}
