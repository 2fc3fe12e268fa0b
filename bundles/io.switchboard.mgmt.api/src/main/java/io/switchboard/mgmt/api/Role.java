package io.switchboard.mgmt.api;

import java.util.Locale;

/**
 * What an account of the management API may do; each role may do all that the ones before it may.
 * The table of what each role may do is in {@code docs/security.md}.
 */
public enum Role {
    /** Reads everything but call recordings, the accounts and the audit log; changes only its own password. */
    VIEWER,
    /** A viewer that also changes the switch: users, trunks, numbers, routes, lockouts, imports. */
    OPERATOR,
    /** An operator that also manages accounts, reads the audit log and deletes call records. */
    ADMIN;

    /** @return whether this role may do what {@code needed} may */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** @return the role's name as the API writes it: admin, operator or viewer */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are, when {@code id} is none of them */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("Invalid role '" + id + "': admin, operator or viewer");
    }
}
