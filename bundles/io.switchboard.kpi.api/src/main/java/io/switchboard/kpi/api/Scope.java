package io.switchboard.kpi.api;

import java.util.Locale;

/** What a KPI series is about. A call counts once in each scope it belongs to. */
public enum Scope {
    /** Every call; its key is empty. */
    ALL,
    /** Each trunk the call used, in or out (a transit call counts on both). */
    TRUNK,
    /** The number dialled on an inbound call. */
    DID,
    /** The account that placed the call: a registered user, or the source's account tag. */
    USER,
    /** The called number's longest configured prefix, else its country calling code (+44). */
    DESTINATION;

    /** @return how the API writes it: all, trunk, did, user, destination */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the scopes there are */
    public static Scope of(String id) {
        for (Scope s : values()) {
            if (s.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("Invalid scope '" + id + "': all, trunk, did, user or destination");
    }
}
