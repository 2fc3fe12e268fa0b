package io.switchboard.sip.api.subscription;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An event package (RFC 6665 section 7): what phones may subscribe to, by the name in their Event
 * header. Register it as an OSGi service; the switch takes each SUBSCRIBE to it (authentication,
 * dialog, refreshes, expiry, the database) and asks the package for the state to send. The package
 * tells {@link Subscriptions#changed} when a resource's state changes. Its methods run on SIP
 * threads and must not block.
 */
@ConsumerType
public interface EventPackage {

    /** @return the package's name, as the Event header carries it: "dialog", "presence" */
    String event();

    /** @return the media type of its NOTIFY bodies, which the subscriber's Accept must allow */
    String contentType();

    /**
     * @param subscriber the authenticated user who subscribes
     * @param resource the user whose state is watched
     * @return why the subscriber may not watch the resource (the switch answers 403), or null
     */
    String refusal(String subscriber, String resource);

    /**
     * @return the resource's whole state now, the body of the next NOTIFY of this subscription
     *         (numbered {@link Subscription#version()})
     */
    byte[] state(Subscription subscription);

    /**
     * @return whether phones may PUBLISH their own state of this package (RFC 3903): the switch keeps
     *         each user's publication ({@link Subscriptions#published}) and tells the subscriptions
     */
    default boolean publishable() {
        return false;
    }

    /**
     * @param resource a user whose state changed, or who just registered a phone
     * @return whether the user's own registered phones get the state in a NOTIFY outside any
     *         subscription (the unsolicited NOTIFY of RFC 3842 section 3, for phones set up to wait
     *         for it instead of subscribing): on each change and at each registration. Asked often:
     *         it must answer from memory.
     * @since 1.1
     */
    default boolean unsolicited(String resource) {
        return false;
    }

    /**
     * @return whether the package's resources are call targets (a conference room: the SUBSCRIBE's
     *         request URI routes to a target, which becomes the resource) rather than users
     * @since 1.1
     */
    default boolean targets() {
        return false;
    }

    /**
     * Whether the package serves this resource, for events that several packages share: the users' busy lamps and
     * a park slot's are both {@code dialog}. The switch gives a resource that routes to a call target to a package
     * whose {@link #targets()} is true and that serves it, and a user to one whose {@link #targets()} is false.
     *
     * @param resource a user, or a call target's name
     * @return whether this package says the resource's state; the default serves every resource
     * @since 1.2
     */
    default boolean serves(String resource) {
        return true;
    }
}
