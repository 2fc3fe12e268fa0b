package io.switchboard.sip.api.subscription;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The switch's subscriptions: the service an {@link EventPackage} tells of changes. */
@ProviderType
public interface Subscriptions {

    /**
     * The state of a resource changed: each subscription to it gets a NOTIFY with the package's
     * state, from this server only (the one that saw the change), whichever server took the SUBSCRIBE.
     */
    void changed(String event, String resource);

    /** @return the subscriptions in force, to every package */
    List<Subscription> list();

    /**
     * @return the state the user's phone published itself (PUBLISH, RFC 3903) and that has not
     *         expired, newest first: the body as sent, or empty
     */
    Optional<byte[]> published(String event, String user);
}
