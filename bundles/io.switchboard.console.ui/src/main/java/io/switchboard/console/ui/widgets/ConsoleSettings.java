package io.switchboard.console.ui.widgets;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * The console's preferences (Window, Preferences): how often live views refresh, the time zone
 * times are shown in, how many rows a result page holds. Kept in the instance preferences.
 */
public final class ConsoleSettings {

    /** Preference node of the console. */
    public static final String NODE = "io.switchboard.console.ui";
    public static final String REFRESH_SECONDS = "refreshSeconds";
    public static final String TIME_ZONE = "timeZone";
    public static final String PAGE_SIZE = "pageSize";
    public static final int DEFAULT_REFRESH_SECONDS = 5;
    public static final int DEFAULT_PAGE_SIZE = 200;

    private ConsoleSettings() {
    }

    public static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    public static int refreshSeconds() {
        return Math.max(1, preferences().getInt(REFRESH_SECONDS, DEFAULT_REFRESH_SECONDS));
    }

    public static int pageSize() {
        return Math.min(1000, Math.max(20, preferences().getInt(PAGE_SIZE, DEFAULT_PAGE_SIZE)));
    }

    /** @return the zone times are shown in: the preference, else the machine's */
    public static ZoneId zone() {
        String id = preferences().get(TIME_ZONE, "");
        try {
            return id.isBlank() ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (DateTimeException unknown) {
            return ZoneId.systemDefault();
        }
    }

    /** @return the instant in the display zone with the zone named ("2026-11-23 14:05:09 CET"), or "" */
    public static String time(Instant instant) {
        return instant == null ? ""
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(instant.atZone(zone()));
    }
}
