package io.switchboard.sip.core.internal.registrar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;

/**
 * The registrar's bindings in the database, so that they survive a restart and several servers can
 * share them. The users they belong to are {@code io.switchboard.sip.provisioning.jdbc}'s.
 */
@Component(service = SipStore.class, configurationPid = SipStore.PID)
@Designate(ocd = SipStore.Settings.class)
public class SipStore {

    static final String PID = "io.switchboard.sip.store";

    /** Settings {@value #PID}: how registrations reach the database. */
    @ObjectClassDefinition(name = "Switchboard SIP bindings store",
            description = "How the registrar's writes are batched into the database")
    @interface Settings {
        @AttributeDefinition(name = "Bindings' batch wait (ms)",
                description = "How long a batch of registrations' writes waits for more before its one commit "
                        + "(0: each commits at once)", min = "0")
        long bindingLingerMillis() default 20;
    }

    /** the columns {@link #binding(ResultSet)} reads, in its order */
    static final String BINDING_COLUMNS = "SELECT username, contact, expires_at, q, call_id, cseq, source, user_agent, "
            + "registered, instance_id, reg_id, path FROM sb_sip_registration";

    static final String CHANGELOG = "db/io.switchboard.sip.core.changelog.xml";

    /**
     * One registrar binding of a user to a contact.
     *
     * @param instanceId the device's {@code +sip.instance}, or null: a later binding of the same
     *        device (and reg-id) replaces this one, wherever the device then registers from
     * @param regId the flow's {@code reg-id} of RFC 5626 Outbound, or null: requests to an
     *        Outbound binding go over the flow it registered on (its source), never to its Contact
     * @param path the REGISTER's Path (RFC 3327) as received, or null: requests to the binding go
     *        through those proxies (an edge in front of several switches), with them as Route
     */
    public record Binding(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
            String source, String userAgent, Instant registered, String instanceId, Integer regId, String path) {

        public Binding(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
                String source, String userAgent, Instant registered, String instanceId, Integer regId) {
            this(username, contact, expiresAt, q, callId, cseq, source, userAgent, registered, instanceId, regId, null);
        }

        public Binding(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
                String source, String userAgent, Instant registered) {
            this(username, contact, expiresAt, q, callId, cseq, source, userAgent, registered, null, null);
        }

        /** @return whether requests to it go over the flow it registered on (RFC 5626 section 5.3) */
        public boolean outbound() {
            return regId != null;
        }
    }

    private final DataSource db;
    private final BindingsWriter writer;
    private final LastBindings last = new LastBindings();

    @Activate
    public SipStore(@Reference Store store, BundleContext context, Settings settings) {
        store.migrate(context.getBundle(), CHANGELOG);
        this.db = store.dataSource();
        if (settings.bindingLingerMillis() < 0) {
            throw new IllegalArgumentException("Invalid setting " + PID + " bindingLingerMillis="
                    + settings.bindingLingerMillis() + ": 0 or more");
        }
        this.writer = new BindingsWriter(db, TimeUnit.MILLISECONDS.toNanos(
                settings.bindingLingerMillis()));
    }

    SipStore(DataSource db) {
        this(db, BindingsWriter.BATCH_LINGER_NANOS);
    }

    /** @param lingerNanos how long a batch of binding writes may wait for more before its commit */
    SipStore(DataSource db, long lingerNanos) {
        this.db = db;
        this.writer = new BindingsWriter(db, lingerNanos);
    }

    public DataSource dataSource() {
        return db;
    }

    // ---- registrations

    /**
     * @return the live bindings of a user, best q first; while the database does not answer, the
     *         ones last read, if that was less than {@link LastBindings#KEPT} ago
     */
    public List<Binding> bindings(String username, Instant now) {
        try {
            List<Binding> read = query(BINDING_COLUMNS + " WHERE username = ? AND expires_at > ? ORDER BY q DESC"
                    + " NULLS LAST, registered DESC", ps -> {
                        ps.setString(1, username);
                        ps.setTimestamp(2, Timestamp.from(now));
                    });
            last.read(username, read, now);
            return read;
        } catch (StoreException away) {
            return last.lastKnown(username, now).orElseThrow(() -> away);
        }
    }

    public List<Binding> allBindings(Instant now) {
        return query(BINDING_COLUMNS + " WHERE expires_at > ? ORDER BY username, contact",
                ps -> ps.setTimestamp(1, Timestamp.from(now)));
    }

    /**
     * One contact of a REGISTER: its binding for {@code expires} seconds, or removed when 0.
     *
     * @param instanceId the contact's {@code +sip.instance}, or null
     * @param regId its {@code reg-id} when the registrar applies Outbound, or null
     */
    record ContactUpdate(String contact, int expires, Double q, String instanceId, Integer regId) {
        ContactUpdate(String contact, int expires, Double q) {
            this(contact, expires, q, null, null);
        }

        /** @return whether a binding of another contact is the same device's flow, which this one replaces */
        boolean replaces(Binding b) {
            return instanceId != null && !b.contact().equals(contact) && instanceId.equals(b.instanceId())
                    && Objects.equals(regId, b.regId());
        }
    }

    /**
     * What one REGISTER asks of a user's bindings (RFC 3261 section 10.3 steps 6 to 8), checked
     * and applied in its batch against the bindings as they are when the batch is committed.
     *
     * @param removeAll Contact "*": every binding goes, except those of this Call-ID with a higher CSeq
     * @param maxContacts the most bindings the user may have afterwards
     * @param now when the REGISTER arrived: the bindings' lifetimes count from then
     */
    record Registration(String username, String callId, long cseq, List<ContactUpdate> contacts, boolean removeAll,
            int maxContacts, String source, String userAgent, Instant now, String path) {

        Registration(String username, String callId, long cseq, List<ContactUpdate> contacts, boolean removeAll,
                int maxContacts, String source, String userAgent, Instant now) {
            this(username, callId, cseq, contacts, removeAll, maxContacts, source, userAgent, now, null);
        }
    }

    /**
     * The user's live bindings after a REGISTER, best q first, or why it was refused (then
     * nothing changed): 500 for a request older than the binding (step 7), 403 past the most
     * contacts a user may have.
     */
    record Outcome(List<Binding> bindings, int refusal, String reason) {
        static Outcome refused(int status, String reason) {
            return new Outcome(List.of(), status, reason);
        }

        boolean ok() {
            return refusal == 0;
        }
    }

    /**
     * Checks and applies a REGISTER in the next batch of binding changes ({@link BindingsWriter}).
     *
     * @return completed once the change is committed (on the thread that committed it: what depends
     *         on it must be quick), or failed with a {@link StoreException}
     */
    CompletableFuture<Outcome> registerLater(Registration r) {
        // a REGISTER stored is what an outage right after it must serve, not the reading before it
        return writer.registerLater(r).thenApply(outcome -> {
            if (outcome.ok()) {
                last.read(r.username(), outcome.bindings(), r.now());
            }
            return outcome;
        });
    }

    /** @return how long the oldest registration not yet taken into a batch has waited, in milliseconds */
    long backlogMillis() {
        return writer.backlogMillis();
    }

    /** @return bindings written or removed by the group commit, and how many commits that took */
    public long[] bindingWriteCounts() {
        return writer.bindingWriteCounts();
    }

    public int unbindAll(String username) {
        return update("DELETE FROM sb_sip_registration WHERE username = ?", username);
    }

    /** @return how many expired bindings were removed */
    public int purgeExpired(Instant now) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_sip_registration WHERE expires_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot remove expired registrations: " + e.getMessage(), e);
        }
    }

    static Binding binding(ResultSet rs) throws SQLException {
        double q = rs.getDouble(4);
        Double qv = rs.wasNull() ? null : q;
        int regId = rs.getInt(11);
        Integer reg = rs.wasNull() ? null : regId;
        return new Binding(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), qv, rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10), reg,
                rs.getString(12));
    }

    // ---- plumbing

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Binding> query(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Binding> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(binding(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read registrations: " + e.getMessage(), e);
        }
    }

    private int update(String sql, String key) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change registrations: " + e.getMessage(), e);
        }
    }
}
