package io.switchboard.sip.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.sip.api.routing.RouteDecision;

/**
 * What the switch's management resources and shell commands show of it beyond the typed services
 * ({@link io.switchboard.sip.api.CallControl}, {@link io.switchboard.sip.api.SipGuard}): values
 * ready to be written as JSON, in the shapes the API has always given them. Offered while the
 * switch runs; safe from any thread.
 */
@ProviderType
public interface SwitchAdmin {

    /** @return what {@code GET /sip/status} shows: listening points, realm, counters, calls */
    Map<String, Object> status();

    /** @return the calls in progress as {@code GET /sip/calls} lists them, oldest first */
    List<Map<String, Object>> calls();

    /** @return each trunk's live state (name, state, since, round trip, channels, registration) */
    List<Map<String, Object>> trunks();

    /** @return the bindings of a user that have not expired, or every user's when {@code user} is null */
    List<PhoneBinding> bindings(String user);

    /**
     * Removes every binding of a user, as an admin asks (a registration event says so).
     *
     * @return how many were removed
     */
    int unregisterAll(String user);

    /** @return the digest algorithms of users without their own setting, best first */
    List<String> defaultAlgorithms();

    /** @return how many requests were dropped because their source was locked out */
    long droppedFromLockedOut();

    /** @return the way a call so routed would take at {@code when}: trunks tried, their state, why */
    Map<String, Object> path(RouteDecision decision, Instant when);
}
