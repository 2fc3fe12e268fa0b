package io.switchboard.sip.provisioning.jdbc.internal;

import static io.switchboard.sip.provisioning.jdbc.internal.Fields.blankToNull;
import static io.switchboard.sip.provisioning.jdbc.internal.Fields.check;
import static io.switchboard.sip.provisioning.jdbc.internal.Fields.list;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.store.api.StaleVersionException;
import io.switchboard.store.api.StoreException;

/**
 * The trunks in {@code sb_sip_trunk}, their passwords encrypted ({@link Secrets}). Read through a
 * list kept for {@link #FRESH_NANOS}: every INVITE asks which trunk it came from and every outbound
 * call reads its trunks, and reading the table each time was a tenth of the B2BUA's database time.
 * A change through this server shows at once; one on another server after that time.
 */
@Component(service = TrunkService.class)
public class JdbcTrunkService implements TrunkService {

    static final long FRESH_NANOS = 1_000_000_000L;
    /** A write that met another transaction's: a duplicate name, H2's concurrent update, a serialization failure. */
    private static final Set<String> CONFLICTS = Set.of("23505", "90131", "40001");
    private static final String COLUMNS = "name, host, port, transport, auth_user, auth_secret, register, "
            + "register_expires, addresses, caller_id, pai, codecs, max_channels, probe, enabled, tls_pin, "
            + "media_encryption, version";

    private record Snapshot(List<Trunk> trunks, long readAt, long changes) {
    }

    private final ProvisioningDatabase db;
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot;
    private final LastKnown<String, List<Trunk>> last = new LastKnown<>();

    @Activate
    public JdbcTrunkService(@Reference ProvisioningDatabase db) {
        this.db = db;
    }

    @Override
    public List<Trunk> trunks() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        long seen = changes.get();
        if (s == null || s.changes() != seen || now - s.readAt() > FRESH_NANOS) {
            s = new Snapshot(last.read("", () -> Sql.query(db.dataSource(), "SELECT " + COLUMNS
                    + " FROM sb_sip_trunk ORDER BY name", ps -> {
                    }, JdbcTrunkService::trunk)), now, seen);
            snapshot = s;
        }
        return s.trunks();
    }

    @Override
    public Optional<Trunk> trunk(String name) {
        for (Trunk t : trunks()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * A stored password goes only where it was given for: whoever may change a trunk's host, port,
     * transport or account could otherwise send its password to a server of their own.
     */
    private void keptPasswordStaysWithItsCarrier(Trunk t) {
        trunk(t.name()).ifPresent(before -> {
            List<String> moved = new ArrayList<>();
            if (!before.host().equalsIgnoreCase(t.host().trim())) {
                moved.add("host");
            }
            if (before.port() != t.port()) {
                moved.add("port");
            }
            if (!before.transport().equals(t.transport())) {
                moved.add("transport");
            }
            if (!Objects.equals(blankToNull(before.authUser()), blankToNull(t.authUser()))) {
                moved.add("authUser");
            }
            if (!moved.isEmpty()) {
                throw new IllegalArgumentException("Invalid password: changing " + String.join(", ", moved)
                        + " of trunk '" + t.name() + "' needs its password again (the stored one was given for "
                        + before.host() + ":" + before.port() + ")");
            }
        });
    }

    @Override
    public Trunk save(Trunk t, String password) {
        return save(t, password, -1);
    }

    @Override
    public Trunk save(Trunk t, String password, long expected) {
        Fields.checkName(t.name());
        check(t.host() != null && !t.host().isBlank() && !t.host().contains(" "), "host", t.host(),
                "a host name or address");
        check(t.port() >= 1 && t.port() <= 65535, "port", t.port(), "1 to 65535");
        check("udp".equals(t.transport()) || "tcp".equals(t.transport()) || "tls".equals(t.transport()), "transport",
                t.transport(), "udp, tcp or tls");
        check(t.tlsPin() == null || t.tlsPin().isBlank() || pin(t.tlsPin()) != null, "tlsPin", t.tlsPin(),
                "the certificate's SHA-256 fingerprint, 64 hex digits, colons allowed");
        check(t.tlsPin() == null || t.tlsPin().isBlank() || "tls".equals(t.transport()), "tlsPin", t.tlsPin(),
                "only for a trunk over tls");
        check(t.mediaEncryption() != MediaEncryption.REQUIRED
                || "tls".equals(t.transport()), "mediaEncryption", t.mediaEncryption(),
                "required needs transport tls: SRTP keys travel in the SDP");
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
        List<String> old = Sql.query(db.dataSource(), "SELECT auth_secret FROM sb_sip_trunk WHERE name = ?",
                ps -> ps.setString(1, t.name()), rs -> rs.getString(1));
        if (password == null && !old.isEmpty() && old.get(0) != null) {
            keptPasswordStaysWithItsCarrier(t);
        }
        String typed = password != null ? db.secrets().encrypt(password) : null;
        boolean created;
        for (int attempt = 1;; attempt++) {
            // the secret and the version as stored now, read together: a retry never writes an older secret back
            List<Object[]> row = Sql.query(db.dataSource(), "SELECT auth_secret, version FROM sb_sip_trunk WHERE "
                    + "name = ?", ps -> ps.setString(1, t.name()),
                    rs -> new Object[] { rs.getString(1), rs.getLong(2) });
            long stored = row.isEmpty() ? 0 : (Long) row.get(0)[1];
            if (expected >= 0 && stored != expected) {
                throw stale(t.name(), expected);
            }
            if (write(t, typed != null ? typed : row.isEmpty() ? null : (String) row.get(0)[0], stored)) {
                created = stored == 0;
                break;
            }
            // another change or a delete landed since the version was read: refused, or read again when the
            // change was made against whatever is stored
            if (expected >= 0 || attempt == 3) {
                throw stale(t.name(), expected);
            }
        }
        changes.incrementAndGet();
        last.forget("");
        db.changed(ProvisioningEvents.TRUNK, created ? ProvisioningEvents.CREATED : ProvisioningEvents.CHANGED,
                t.name());
        return trunk(t.name()).orElseThrow();
    }

    /**
     * Replaces the row at {@code version} (none at 0) with the trunk at the next version, in one transaction.
     *
     * @return false, and nothing written, when the row is no longer at that version (changed, deleted, or made
     *         meanwhile)
     */
    private boolean write(Trunk t, String secret, long version) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_trunk WHERE name = ? AND version = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_sip_trunk (" + COLUMNS + ") VALUES (?, "
                            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, t.name());
                del.setLong(2, version);
                if (del.executeUpdate() != (version == 0 ? 0 : 1)) {
                    c.rollback();
                    return false;
                }
                bind(ins, t, secret, version + 1);
                ins.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if (CONFLICTS.contains(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save trunk '" + t.name() + "': " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ins, Trunk t, String secret, long version) throws SQLException {
        ins.setString(1, t.name());
        ins.setString(2, t.host().trim());
        ins.setInt(3, t.port());
        ins.setString(4, t.transport());
        ins.setString(5, blankToNull(t.authUser()));
        ins.setString(6, secret);
        ins.setBoolean(7, t.register());
        ins.setInt(8, t.registerExpires());
        ins.setString(9, String.join(",", t.addresses()));
        ins.setString(10, blankToNull(t.callerId()));
        ins.setBoolean(11, t.pai());
        ins.setString(12, String.join(",", t.codecs()));
        ins.setInt(13, t.maxChannels());
        ins.setBoolean(14, t.probe());
        ins.setBoolean(15, t.enabled());
        ins.setString(16, t.tlsPin() == null || t.tlsPin().isBlank() ? null : pin(t.tlsPin()));
        ins.setString(17, t.mediaEncryption().name());
        ins.setLong(18, version);
    }

    /** @return the stored trunk's version, 0 when there is none */
    private long version(String name) {
        return Sql.query(db.dataSource(), "SELECT version FROM sb_sip_trunk WHERE name = ?", ps -> ps.setString(1,
                name), rs -> rs.getLong(1)).stream().findFirst().orElse(0L);
    }

    private StaleVersionException stale(String name, long expected) {
        changes.incrementAndGet(); // another server's change: read the trunks again
        last.forget("");
        return Fields.stale("Trunk " + name, expected, version(name));
    }

    @Override
    public boolean delete(String name) {
        boolean gone = Sql.update(db.dataSource(), "DELETE FROM sb_sip_trunk WHERE name = ?", name) > 0;
        changes.incrementAndGet();
        last.forget("");
        if (gone) {
            db.changed(ProvisioningEvents.TRUNK, ProvisioningEvents.DELETED, name);
        }
        return gone;
    }

    private static Trunk trunk(ResultSet rs) throws SQLException {
        return new Trunk(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6) != null, rs.getBoolean(7), rs.getInt(8), list(rs.getString(9)), rs.getString(10),
                rs.getBoolean(11), list(rs.getString(12)), rs.getInt(13), rs.getBoolean(14), rs.getBoolean(15),
                rs.getString(16), MediaEncryption.valueOf(rs.getString(17)), rs.getLong(18));
    }

    /** @return a SHA-256 fingerprint as upper-case hex pairs joined by colons, or null when it is not one */
    static String pin(String text) {
        String hex = text.trim().replace(":", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            return null;
        }
        return String.join(":", hex.split("(?<=\\G..)"));
    }
}
