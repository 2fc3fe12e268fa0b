package io.switchboard.attendant.core.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.switchboard.attendant.api.Menu;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;

/** A menu checked before it is stored: each bad field is named with what is wrong, so nothing is left silent. */
final class MenuCheck {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*#][A-Za-z0-9*#_.-]{0,31}");
    private static final Pattern KEY = Pattern.compile("[0-9*#]");
    static final String MAILBOX = "voicemail:";

    private final Predicate<String> users;
    private final RoutingService routing;
    private final Prompts prompts;
    private final Function<String, Optional<Menu>> menus;

    /** @param users whether a name is a user's */
    MenuCheck(Predicate<String> users, RoutingService routing, Prompts prompts,
            Function<String, Optional<Menu>> menus) {
        this.users = users;
        this.routing = routing;
        this.prompts = prompts;
        this.menus = menus;
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    void check(Menu m) {
        if (m.name() == null || !NAME.matcher(m.name()).matches()) {
            throw new IllegalArgumentException("name: '" + m.name() + "' is no extension (letters, digits, * and #, "
                    + "at most 32)");
        }
        if (users.test(m.name())) {
            throw new IllegalArgumentException("name: " + m.name() + " is a user's; a user's calls would never reach "
                    + "the menu");
        }
        try {
            prompts.get(m.greeting());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("greeting: " + e.getMessage());
        }
        if (m.timeoutSeconds() < 1 || m.timeoutSeconds() > 60) {
            throw new IllegalArgumentException("timeoutSeconds: " + m.timeoutSeconds() + ", must be 1 to 60");
        }
        if (m.retries() < 0 || m.retries() > 10) {
            throw new IllegalArgumentException("retries: " + m.retries() + ", must be 0 to 10");
        }
        for (Map.Entry<String, String> key : m.keys().entrySet()) {
            if (!KEY.matcher(key.getKey()).matches()) {
                throw new IllegalArgumentException("keys: '" + key.getKey() + "' is no key (0-9, * or #)");
            }
            destination("keys." + key.getKey(), key.getValue(), m);
        }
        if (m.timeoutDestination() != null) {
            destination("timeoutDestination", m.timeoutDestination(), m);
        }
        if (m.invalidDestination() != null) {
            destination("invalidDestination", m.invalidDestination(), m);
        }
    }

    /** A destination a menu may send a caller to: inside the switch only, as a redirect goes. */
    private void destination(String field, String d, Menu m) {
        if (d == null || d.isBlank()) {
            throw new IllegalArgumentException(field + ": no destination");
        }
        if (d.equals(Menu.DIRECTORY)) {
            return;
        }
        if (d.startsWith(Menu.MENU)) {
            String other = d.substring(Menu.MENU.length());
            if (!other.equals(m.name()) && menus.apply(other).isEmpty()) {
                throw new IllegalArgumentException(field + ": no menu " + other);
            }
            return;
        }
        if (d.startsWith(MAILBOX)) {
            if (!users.test(d.substring(MAILBOX.length()))) {
                throw new IllegalArgumentException(field + ": no user " + d.substring(MAILBOX.length())
                        + " whose mailbox it would be");
            }
            return;
        }
        RouteDecision r = routing.route(new RouteRequest(null, null, d, Instant.now()));
        if (r.emergency()) {
            throw new IllegalArgumentException(field + ": " + d + " is an emergency number, which a caller's own phone "
                    + "dials");
        }
        switch (r.outcome()) {
            case USER, TARGET -> {
                // reached inside the switch
            }
            case TRUNKS -> throw new IllegalArgumentException(field + ": " + d + " is outside the switch; a menu sends "
                    + "callers only to users, groups, mailboxes, menus and the numbers of the inventory");
            case REJECTED -> throw new IllegalArgumentException(field + ": " + d + " reaches nothing ("
                    + (r.reasons().isEmpty() ? r.status() : r.reasons().get(r.reasons().size() - 1)) + ")");
        }
    }
}
