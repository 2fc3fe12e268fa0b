package io.switchboard.sip.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;

/**
 * Trunks, numbers (DIDs) and outbound routes in the database, validated on the way in so that a
 * bad value is refused with its name instead of breaking calls later.
 */
final class Provisioning {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** A trunk to a carrier; its password never leaves the database decrypted except to answer a challenge. */
    record Trunk(String name, String host, int port, String transport, String authUser, boolean hasSecret,
            boolean register, int registerExpires, List<String> addresses, String callerId, boolean pai,
            List<String> codecs, int maxChannels, boolean probe, boolean enabled) {
    }

    /** A number of the inventory, with where its calls go and its emergency address. */
    record Did(String number, String destination, String description, String emergencyAddress, List<String> tags) {
    }

    /** An outbound route: which dialled numbers, when, how rewritten, over which trunks in order. */
    record Route(String name, int priority, String pattern, int strip, String prepend, String days, String timeFrom,
            String timeTo, String timeZone, List<String> trunks, boolean enabled) {
    }

    private final DataSource db;
    private final Secrets secrets;

    Provisioning(DataSource db, Secrets secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    // ---------------------------------------------------------------- trunks

    private static final String TRUNK_COLUMNS = "name, host, port, transport, auth_user, auth_secret, register, "
            + "register_expires, addresses, caller_id, pai, codecs, max_channels, probe, enabled";

    /** How long the call path reuses the trunk list; a change on another server shows after this. */
    static final long TRUNKS_FRESH_NANOS = 1_000_000_000L;

    private record TrunkList(List<Trunk> trunks, long readAt, long changes) {
    }

    private volatile TrunkList trunkList;
    /** Trunk changes through this server; a list read before the latest one is not used. */
    private final java.util.concurrent.atomic.AtomicLong trunkChanges = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The trunks as the call path sees them: every INVITE asks which trunk it came from, and reading
     * the table each time was a tenth of the B2BUA's database time. Read again after
     * {@link #TRUNKS_FRESH_NANOS} or at once after a change through this server.
     */
    List<Trunk> trunksForCalls() {
        TrunkList list = trunkList;
        long now = System.nanoTime();
        long changes = trunkChanges.get();
        if (list == null || list.changes() != changes || now - list.readAt() > TRUNKS_FRESH_NANOS) {
            list = new TrunkList(trunks(), now, changes);
            trunkList = list;
        }
        return list.trunks();
    }

    List<Trunk> trunks() {
        return query("SELECT " + TRUNK_COLUMNS + " FROM sb_sip_trunk ORDER BY name", null, Provisioning::trunk);
    }

    Optional<Trunk> trunk(String name) {
        return query("SELECT " + TRUNK_COLUMNS + " FROM sb_sip_trunk WHERE name = ?", name, Provisioning::trunk).stream()
                .findFirst();
    }

    /** @return the trunk's password, decrypted, when it has one */
    Optional<String> secret(String trunk) {
        return query("SELECT auth_secret FROM sb_sip_trunk WHERE name = ?", trunk, rs -> rs.getString(1)).stream()
                .filter(s -> s != null).findFirst().map(secrets::decrypt);
    }

    /**
     * Creates or replaces a trunk.
     *
     * @param password the new password, or null to keep the stored one
     */
    Trunk saveTrunk(Trunk t, String password) {
        checkName(t.name());
        check(t.host() != null && !t.host().isBlank() && !t.host().contains(" "), "host", t.host(), "a host name or address");
        check(t.port() >= 1 && t.port() <= 65535, "port", t.port(), "1 to 65535");
        check("udp".equals(t.transport()) || "tcp".equals(t.transport()), "transport", t.transport(), "udp or tcp");
        check(t.registerExpires() >= 60 && t.registerExpires() <= 86400, "registerExpires", t.registerExpires(),
                "60 to 86400 seconds");
        check(t.maxChannels() >= 0, "maxChannels", t.maxChannels(), "0 (no limit) or more");
        check(!t.register() || t.authUser() != null && !t.authUser().isBlank(), "authUser", t.authUser(),
                "needed for a registration trunk");
        for (String a : t.addresses()) {
            check(a.matches("[A-Za-z0-9.:-]+") && (a.indexOf(':') != a.lastIndexOf(':')
                    || a.indexOf(':') < 0 || a.substring(a.indexOf(':') + 1).matches("[0-9]{1,5}")), "addresses", a,
                    "host or address, optionally :port");
        }
        check(t.callerId() == null || t.callerId().isBlank() || t.callerId().matches("\\+?[0-9]{2,20}"), "callerId",
                t.callerId(), "digits, optionally with a leading +");
        String stored = password != null ? secrets.encrypt(password)
                : query("SELECT auth_secret FROM sb_sip_trunk WHERE name = ?", t.name(), rs -> rs.getString(1)).stream()
                        .findFirst().orElse(null);
        Sql.replace(db, "DELETE FROM sb_sip_trunk WHERE name = ?", del -> del.setString(1, t.name()),
                "INSERT INTO sb_sip_trunk (" + TRUNK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ins -> {
                    ins.setString(1, t.name());
                    ins.setString(2, t.host().trim());
                    ins.setInt(3, t.port());
                    ins.setString(4, t.transport());
                    ins.setString(5, blankToNull(t.authUser()));
                    ins.setString(6, stored);
                    ins.setBoolean(7, t.register());
                    ins.setInt(8, t.registerExpires());
                    ins.setString(9, String.join(",", t.addresses()));
                    ins.setString(10, blankToNull(t.callerId()));
                    ins.setBoolean(11, t.pai());
                    ins.setString(12, String.join(",", t.codecs()));
                    ins.setInt(13, t.maxChannels());
                    ins.setBoolean(14, t.probe());
                    ins.setBoolean(15, t.enabled());
                }, "trunk '" + t.name() + "'");
        trunkChanges.incrementAndGet();
        return trunk(t.name()).orElseThrow();
    }

    boolean deleteTrunk(String name) {
        boolean gone = update("DELETE FROM sb_sip_trunk WHERE name = ?", name) > 0;
        trunkChanges.incrementAndGet();
        return gone;
    }

    private static Trunk trunk(ResultSet rs) throws SQLException {
        return new Trunk(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6) != null, rs.getBoolean(7), rs.getInt(8), list(rs.getString(9)), rs.getString(10),
                rs.getBoolean(11), list(rs.getString(12)), rs.getInt(13), rs.getBoolean(14), rs.getBoolean(15));
    }

    // ---------------------------------------------------------------- numbers

    List<Did> numbers() {
        return query("SELECT number, destination, description, emergency_address, tags FROM sb_sip_number "
                + "ORDER BY number", null, Provisioning::did);
    }

    Optional<Did> number(String number) {
        return query("SELECT number, destination, description, emergency_address, tags FROM sb_sip_number "
                + "WHERE number = ?", number, Provisioning::did).stream().findFirst();
    }

    /** @return the problem with a number, or null when it can be saved */
    static String problem(Did d) {
        if (d.number() == null || !E164.matcher(d.number()).matches()) {
            return "number '" + d.number() + "' is not E.164 (+ and 7 to 15 digits)";
        }
        if (d.destination() != null && !d.destination().isBlank() && !SipStore.USERNAME.matcher(d.destination())
                .matches()) {
            return "destination '" + d.destination() + "' is not a user name";
        }
        if (d.emergencyAddress() != null && d.emergencyAddress().length() > 1000) {
            return "emergencyAddress is longer than 1000 characters";
        }
        return null;
    }

    /** Creates or replaces numbers in one transaction. */
    void saveNumbers(List<Did> numbers) {
        for (Did d : numbers) {
            String problem = problem(d);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_number WHERE number = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_sip_number (number, destination, "
                            + "description, emergency_address, tags) VALUES (?, ?, ?, ?, ?)")) {
                for (Did d : numbers) {
                    del.setString(1, d.number());
                    del.addBatch();
                    ins.setString(1, d.number());
                    ins.setString(2, blankToNull(d.destination()));
                    ins.setString(3, blankToNull(d.description()));
                    ins.setString(4, blankToNull(d.emergencyAddress()));
                    ins.setString(5, String.join(",", d.tags()));
                    ins.addBatch();
                }
                del.executeBatch();
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save numbers: " + e.getMessage(), e);
        }
    }

    /** @return the first number (in order) whose calls go to this user */
    Optional<String> numberOf(String user) {
        return query("SELECT number FROM sb_sip_number WHERE destination = ? ORDER BY number", user,
                rs -> rs.getString(1)).stream().findFirst();
    }

    boolean deleteNumber(String number) {
        return update("DELETE FROM sb_sip_number WHERE number = ?", number) > 0;
    }

    private static Did did(ResultSet rs) throws SQLException {
        return new Did(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), list(rs.getString(5)));
    }

    // ---------------------------------------------------------------- routes

    private static final String ROUTE_COLUMNS = "name, priority, pattern, strip, prepend, days, time_from, time_to, "
            + "time_zone, trunks, enabled";

    /** @return every route, in the order they are tried */
    List<Route> routes() {
        return query("SELECT " + ROUTE_COLUMNS + " FROM sb_sip_route ORDER BY priority, name", null,
                Provisioning::route);
    }

    Optional<Route> route(String name) {
        return query("SELECT " + ROUTE_COLUMNS + " FROM sb_sip_route WHERE name = ?", name, Provisioning::route)
                .stream().findFirst();
    }

    Route saveRoute(Route r) {
        checkName(r.name());
        RoutePattern.parse(r.pattern());
        check(r.strip() >= 0 && r.strip() <= 20, "strip", r.strip(), "0 to 20 digits");
        check(r.prepend() == null || r.prepend().matches("\\+?[0-9*#]{0,20}"), "prepend", r.prepend(), "digits");
        Routing.Window.parse(r.days(), r.timeFrom(), r.timeTo(), r.timeZone());
        check(!r.trunks().isEmpty(), "trunks", r.trunks(), "at least one trunk");
        for (String t : r.trunks()) {
            check(trunk(t).isPresent(), "trunks", t, "an existing trunk");
        }
        Sql.replace(db, "DELETE FROM sb_sip_route WHERE name = ?", del -> del.setString(1, r.name()),
                "INSERT INTO sb_sip_route (" + ROUTE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ins -> {
                    ins.setString(1, r.name());
                    ins.setInt(2, r.priority());
                    ins.setString(3, r.pattern());
                    ins.setInt(4, r.strip());
                    ins.setString(5, blankToNull(r.prepend()));
                    ins.setString(6, blankToNull(r.days()));
                    ins.setString(7, blankToNull(r.timeFrom()));
                    ins.setString(8, blankToNull(r.timeTo()));
                    ins.setString(9, blankToNull(r.timeZone()));
                    ins.setString(10, String.join(",", r.trunks()));
                    ins.setBoolean(11, r.enabled());
                }, "route '" + r.name() + "'");
        return route(r.name()).orElseThrow();
    }

    boolean deleteRoute(String name) {
        return update("DELETE FROM sb_sip_route WHERE name = ?", name) > 0;
    }

    private static Route route(ResultSet rs) throws SQLException {
        return new Route(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), list(rs.getString(10)),
                rs.getBoolean(11));
    }

    // ---------------------------------------------------------------- plumbing

    private static void checkName(String name) {
        check(name != null && NAME.matcher(name).matches(), "name", name, "1 to 64 letters, digits, '.', '_' or '-'");
    }

    static void check(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + field + " '" + value + "': " + expected);
        }
    }

    static List<String> list(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private <T> List<T> query(String sql, String key, Sql.Row<T> row) {
        return Sql.query(db, sql, ps -> {
            if (key != null) {
                ps.setString(1, key);
            }
        }, row);
    }

    private int update(String sql, String key) {
        return Sql.update(db, sql, key);
    }
}
