package io.switchboard.kpi.api;

import java.util.Locale;

/**
 * What a KPI series is about. A call counts once in each scope it belongs to. All calls, trunks,
 * destinations and queues have 5-minute buckets and peaks; DIDs and users, of which a switch may have
 * thousands, start at hourly buckets and have no peaks.
 */
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
    DESTINATION,
    /**
     * The call queue a caller waited in (the record's {@code queue} tag): its figures also in {@link Kpis#queue()}.
     *
     * @since 1.1
     */
    QUEUE;

    /** @return whether the scope has 5-minute buckets, and so peaks */
    public boolean fine() {
        return this == ALL || this == TRUNK || this == DESTINATION || this == QUEUE;
    }

    /** @return how the API writes it: all, trunk, did, user, destination, queue */
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

    /** @return {@link #id()}: JSON writes and reads it so (Jackson's enums-by-toString) */
    @Override
    public String toString() {
        return id();
    }
}
