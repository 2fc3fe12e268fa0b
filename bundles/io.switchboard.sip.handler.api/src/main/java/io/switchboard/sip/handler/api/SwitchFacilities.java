package io.switchboard.sip.handler.api;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.provisioning.Trunk;

/**
 * The switch's own means, for the bundles that serve a SIP method ({@link RequestHandler}):
 * registered while the switch listens. A request a handler sends gets its answers through the
 * {@link PendingRequest} set as its client transaction's application data.
 */
@ProviderType
public interface SwitchFacilities {

    MessageFactory messages();

    HeaderFactory headers();

    AddressFactory addresses();

    /** @return the provider with a listening point of the transport (udp, tcp, tls), or null */
    SipProvider provider(String transport);

    /** Sends an answer to a request, through the ladder and the counters as the switch's own. */
    void respond(SipProvider provider, ServerTransaction tx, Response response) throws Exception;

    /** Digest authentication as for a call (407 challenges), with the guard's lockouts. */
    Caller authenticate(Request request) throws ParseException;

    /** @return the user's phones registered now, on any server of the cluster */
    List<PhoneBinding> phones(String user);

    /**
     * Tells {@code then} the user's name after each REGISTER of this switch that bound a phone, once
     * the phone has its answer (so that a NOTIFY follows the 200), on the registrar's thread: hand
     * anything slow on.
     *
     * @return ends the telling
     */
    Runnable onRegistered(Consumer<String> then);

    /** @return where a phone is reached: its Contact, or the address its REGISTER came from behind NAT */
    URI reach(PhoneBinding phone) throws ParseException;

    /** @return the Route a request to the phone carries: its Path, none without one */
    List<Address> route(PhoneBinding phone) throws ParseException;

    /** @return how a request to {@code next}, its first hop, leaves the switch */
    Way way(URI next);

    /** @return a new Call-ID for a request the switch sends from {@code host} */
    String newCallId(String host);

    /** @return the trunk a request came from, by its source address, or empty for a user's */
    Optional<Trunk> trunkOf(Request request);

    /** @return why a trunk cannot take traffic now (down, full, removed), or null when it can */
    String trunkUnusable(String trunk);

    /** Tells the trunk's health that a request to it went unanswered. */
    void trunkUnanswered(String trunk);

    /** Adds the trunk's credentials for its carrier's challenge to a request sent again. */
    void authorize(Request again, Response challenge, Trunk trunk) throws Exception;

    /** @return the user's own number as it goes out to a trunk, E.164 where it has one */
    String ownNumber(String user);

    /**
     * Wakes the user's phones that sleep behind a push service, and runs {@code then} once one of
     * them registered again or the wait is over.
     *
     * @param id the request's id in the push, so that the phone can tell what woke it
     * @param reason what for ("call", "message")
     * @return false when none of the user's phones sleeps: {@code then} is not run
     */
    boolean wake(String user, String id, String reason, Runnable then);

    /**
     * As {@link #wake(String, String, String, Runnable)}, for phones the caller has just read with
     * {@link #phones(String)}: the bindings are not read a second time.
     *
     * @since 1.1
     */
    boolean wake(String user, List<PhoneBinding> phones, String id, String reason, Runnable then);
}
