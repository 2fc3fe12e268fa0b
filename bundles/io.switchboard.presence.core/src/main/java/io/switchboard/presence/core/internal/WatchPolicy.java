package io.switchboard.presence.core.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * Who may watch whose calls and who sees their other party, from {@link WatchSettings}. A lamp
 * tells when a colleague is on the phone; the other party's number and the Call-ID tell whom they
 * talk to, which is for the admin to grant. Immutable: a new one replaces it when settings change.
 */
final class WatchPolicy {

    /** Who may watch, before the allowed pairs. */
    enum Scope { COLLEAGUES, LISTED, EVERYONE }

    /** A watcher:watched pair, either side * for any user. */
    record Pair(String watcher, String watched) {

        boolean matches(String who, String whom) {
            return (watcher.equals("*") || watcher.equals(who)) && (watched.equals("*") || watched.equals(whom));
        }
    }

    private final Scope scope;
    private final List<Pair> allow;
    private final List<Pair> parties;

    WatchPolicy(Scope scope, List<Pair> allow, List<Pair> parties) {
        this.scope = scope;
        this.allow = List.copyOf(allow);
        this.parties = List.copyOf(parties);
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    static WatchPolicy of(WatchSettings s) {
        Scope scope;
        try {
            scope = Scope.valueOf(s.watch().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + WatchSettings.PID + " watch=" + s.watch()
                    + ": colleagues, listed or everyone");
        }
        return new WatchPolicy(scope, pairs("allow", s.allow()), pairs("showParties", s.showParties()));
    }

    private static List<Pair> pairs(String setting, String[] entries) {
        // a .cfg file's value is one string: "a:b, c:d" holds two pairs
        return Arrays.stream(entries).flatMap(e -> Arrays.stream(e.split(","))).map(String::trim)
                .filter(e -> !e.isEmpty()).map(e -> pair(setting, e)).toList();
    }

    private static Pair pair(String setting, String entry) {
        String[] two = entry.split(":", -1);
        if (two.length != 2 || two[0].isBlank() || two[1].isBlank()) {
            throw new IllegalArgumentException("Invalid setting " + WatchSettings.PID + " " + setting + " entry '"
                    + entry + "': watcher:watched, * for any user (reception:*)");
        }
        return new Pair(two[0].trim(), two[1].trim());
    }

    /**
     * @param colleagues whether two users share a ring group or a site; asked only when it matters
     * @return why the watcher may not watch the user's calls, or null when it may
     */
    String refusal(String watcher, String watched, BiPredicate<String, String> colleagues) {
        if (watcher.equals(watched) || scope == Scope.EVERYONE
                || allow.stream().anyMatch(p -> p.matches(watcher, watched))) {
            return null;
        }
        if (scope == Scope.COLLEAGUES && colleagues.test(watcher, watched)) {
            return null;
        }
        return watcher + " may not watch " + watched + "'s calls: " + (scope == Scope.COLLEAGUES
                ? "no ring group or emergency location in common, and not allowed" : "not allowed")
                + " (" + WatchSettings.PID + " allow)";
    }

    /** @return whether the watcher sees the other party and the real Call-ID of the user's calls */
    boolean showsParties(String watcher, String watched) {
        return watcher.equals(watched) || parties.stream().anyMatch(p -> p.matches(watcher, watched));
    }
}
