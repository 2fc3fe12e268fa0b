package io.switchboard.kpi.core.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.Scope;

/**
 * A KPI query from the API's or the shell's words. Times are an instant (2026-11-20T08:00:00Z), a
 * local date or date-time of the zone asked for (2026-11-20, 2026-11-20T08:00), {@code now}, or a
 * time before now (-24h, -7d, -30m). Without a window: the last day in hours, the last 30 days in
 * days, the last 6 hours in 5 minutes.
 */
final class QueryArgs {

    private QueryArgs() {
    }

    /** @throws IllegalArgumentException naming the parameter that cannot be understood */
    static KpiQuery parse(Map<String, String> p, ZoneId serverZone, Instant now) {
        Granularity g = Granularity.of(p.getOrDefault("granularity", "1h"));
        ZoneId zone = zone(p.get("zone"), serverZone);
        Instant to = time("to", p.getOrDefault("to", "now"), zone, now);
        String defaultFrom = switch (g) {
            case FIVE_MINUTES -> "-6h";
            case HOUR -> "-24h";
            case DAY -> "-30d";
        };
        Instant from = time("from", p.getOrDefault("from", defaultFrom), zone, now);
        String key = p.get("key");
        int limit;
        try {
            limit = Integer.parseInt(p.getOrDefault("limit", "20").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, not '" + p.get("limit") + "'");
        }
        return new KpiQuery(Scope.of(p.getOrDefault("scope", "all")), key == null || key.isBlank() ? null : key.trim(),
                g, from, to, zone, limit);
    }

    static ZoneId zone(String id, ZoneId fallback) {
        if (id == null || id.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone '" + id + "' is not a time zone such as Europe/Paris or UTC");
        }
    }

    static Instant time(String name, String value, ZoneId zone, Instant now) {
        String v = value.trim();
        try {
            if (v.equals("now")) {
                return now;
            }
            if (v.startsWith("-") && v.length() > 2) {
                long n = Long.parseLong(v.substring(1, v.length() - 1));
                Duration unit = switch (v.charAt(v.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(1);
                    case 'h' -> Duration.ofHours(1);
                    case 'd' -> Duration.ofDays(1);
                    default -> throw new IllegalArgumentException();
                };
                return now.minus(unit.multipliedBy(n));
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(zone).toInstant();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a time: write 2026-11-20, "
                    + "2026-11-20T08:00 (in the zone asked for), 2026-11-20T08:00:00Z, now, or -24h, -7d, -30m");
        }
    }
}
