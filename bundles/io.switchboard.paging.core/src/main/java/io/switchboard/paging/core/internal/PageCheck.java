package io.switchboard.paging.core.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.switchboard.paging.api.PageGroup;

/** A page group checked before it is stored: each bad field is named with what is wrong. */
final class PageCheck {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*#][A-Za-z0-9*#_.-]{0,31}");
    /** A page to more phones than this is a public address system's work, not a switch's. */
    static final int MAX_MEMBERS = 100;
    /** What the table's column holds of the members' names, comma separated. */
    static final int MAX_MEMBER_CHARS = 4000;

    private final Predicate<String> users;
    private final String account;

    /**
     * @param users whether a name is a user's
     * @param account the pages' own account, which pages nobody
     */
    PageCheck(Predicate<String> users, String account) {
        this.users = users;
        this.account = account;
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    void check(PageGroup g) {
        if (g.name() == null || !NAME.matcher(g.name()).matches()) {
            throw new IllegalArgumentException("name: '" + g.name() + "' is no extension (letters, digits, * and #, "
                    + "at most 32)");
        }
        if (users.test(g.name())) {
            throw new IllegalArgumentException("name: " + g.name() + " is a user's; a user's calls would never reach "
                    + "the group");
        }
        if (g.members().isEmpty() || g.members().size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("members: " + g.members().size() + ", must be 1 to " + MAX_MEMBERS
                    + " users");
        }
        if (String.join(",", g.members()).length() > MAX_MEMBER_CHARS) {
            throw new IllegalArgumentException("members: their names take more than " + MAX_MEMBER_CHARS
                    + " characters together");
        }
        Set<String> seen = new HashSet<>();
        for (String m : g.members()) {
            if (m == null || m.equals(account) || !users.test(m)) {
                throw new IllegalArgumentException("members: " + m + " is no user");
            }
            if (!seen.add(m)) {
                throw new IllegalArgumentException("members: " + m + " is named twice");
            }
        }
        if (g.description() != null && g.description().length() > 255) {
            throw new IllegalArgumentException("description: at most 255 characters");
        }
    }
}
