package io.switchboard.store.jdbc.internal;

import java.nio.file.Path;
import java.util.Locale;

import io.switchboard.store.api.Dialect;

/**
 * Validated store settings. Every rejected value is named in the error, with the PID, so an
 * admin knows which line of which file to fix.
 */
record StoreSettings(String url, String user, String password, int poolSize, int connectTimeoutSeconds,
        int socketTimeoutSeconds, Dialect dialect) {

    static StoreSettings of(StoreConfig config, Path dataDir) {
        String url = config.url() == null ? "" : config.url().trim();
        if (url.isEmpty()) {
            url = defaultH2Url(dataDir);
        }
        Dialect dialect = dialectOf(url);
        if (config.poolSize() < 1 || config.poolSize() > 200) {
            throw invalid("poolSize", String.valueOf(config.poolSize()), "must be between 1 and 200");
        }
        if (config.connectTimeoutSeconds() < 1 || config.connectTimeoutSeconds() > 600) {
            throw invalid("connectTimeoutSeconds", String.valueOf(config.connectTimeoutSeconds()),
                    "must be between 1 and 600");
        }
        if (config.socketTimeoutSeconds() < 0 || config.socketTimeoutSeconds() > 3600) {
            throw invalid("socketTimeoutSeconds", String.valueOf(config.socketTimeoutSeconds()),
                    "must be between 0 (never) and 3600");
        }
        return new StoreSettings(url, blankToNull(config.user()), blankToNull(secret(config._password(), config.password())),
                config.poolSize(), config.connectTimeoutSeconds(), config.socketTimeoutSeconds(), dialect);
    }

    /** @return the private setting, else the old public one, with a warning that it is visible to plugins */
    private static String secret(String privateValue, String publicValue) {
        if ((privateValue == null || privateValue.isEmpty()) && publicValue != null && !publicValue.isEmpty()) {
            System.getLogger(StoreSettings.class.getName()).log(System.Logger.Level.WARNING, "Setting password in "
                    + StoreConfig.PID + " is visible to every bundle through the service registry: rename it .password");
            return publicValue;
        }
        return privateValue;
    }

    static String defaultH2Url(Path dataDir) {
        // AUTO_SERVER is off: one server process owns its data folder (the launcher locks it).
        // WRITE_DELAY=0: a commit reaches the file before it returns, so a killed process loses no
        // record it reported stored (H2 would otherwise hold commits back up to a second).
        // CACHE_SIZE (KB): H2's default 16 MB. Inserts touch only the newest pages of the tables that
        // grow (CDR ids and sequence numbers grow with time), and every cached page is a live object
        // the garbage collector copies: with 128 MB an sb_cdr-shaped insert benchmark ran 5-15 % slower
        // and spent 2.5 times as long in young-generation pauses (releng/bench-h2-cache.sh).
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("switchboard").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=16384";
    }

    static Dialect dialectOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return Dialect.H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw invalid("url", url, "must start with jdbc:h2: or jdbc:postgresql:");
    }

    /** The URL as admins may see it: user info and password parameters removed. */
    String location() {
        return url.replaceAll("(?i)([;?&]password=)[^;&]*", "$1***").replaceAll("//[^/@]*@", "//");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static IllegalArgumentException invalid(String key, String value, String why) {
        String shown = key.equals("url") ? value.replaceAll("(?i)password=[^;&]*", "password=***") : value;
        return new IllegalArgumentException(
                "Invalid setting " + StoreConfig.PID + " " + key + "=" + shown + ": " + why);
    }
}
