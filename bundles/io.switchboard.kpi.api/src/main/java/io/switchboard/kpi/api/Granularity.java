package io.switchboard.kpi.api;

import java.time.Duration;
import java.util.Locale;

/** The size of a KPI bucket. Days begin at midnight of the zone asked for and last 23 to 25 hours. */
public enum Granularity {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    private final String id;
    private final Duration nominal;

    Granularity(String id, Duration nominal) {
        this.id = id;
        this.nominal = nominal;
    }

    /** @return how the API writes it: 5m, 1h, 1d */
    public String id() {
        return id;
    }

    /** @return the bucket's length, except for days across a daylight-saving change */
    public Duration nominal() {
        return nominal;
    }

    /** @throws IllegalArgumentException naming the granularities there are */
    public static Granularity of(String id) {
        String s = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Granularity g : values()) {
            if (g.id.equals(s) || g.name().toLowerCase(Locale.ROOT).equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("Invalid granularity '" + id + "': 5m, 1h or 1d");
    }

    /** @return {@link #id()}: JSON writes and reads it so (Jackson's enums-by-toString) */
    @Override
    public String toString() {
        return id();
    }
}
