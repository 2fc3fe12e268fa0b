package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.store.commit.GroupCommit;

/**
 * Makes an answered call durable from its answer on, in the database (table
 * {@code sb_sip_call_journal}): the call's record as it stands at the answer is committed before
 * the caller is told the call is answered, and goes once its final record is stored. At stop, the
 * records the CDR service has not taken are written here too. At the next start every row is
 * handed over again: a finished call's record as it was, an answered call the server lost in a
 * crash (kill -9) as "interrupted", one that ended before the crash with its end. Records are keyed by their source id, so a record stored just
 * before the crash is recognised by the CDR store as the same call and not stored twice.
 * <p>
 * An ended call's final record is written over its answer's row only if the CDR service has not
 * stored it within {@link #ENDED_GRACE_MILLIS}: the CDR's own commit (50 ms linger) nearly always
 * comes first, and its row then simply goes, sparing a row write, its JSON and a removal per call.
 * <p>
 * Rows go through a {@link GroupCommit}: what comes within the linger ({@code journalLingerMillis})
 * of a batch's first row is committed in one transaction, by the SIP thread that finds the batch
 * due or the commit's timer. A commit per answered call cost the server a third more CPU per call
 * at 400 calls/s (releng/bench-calls-cpu.sh, docs/benchmarks.md); the caller hears the answer at
 * most the linger later.
 */
public final class CallJournal {

    static final String INTERRUPTED_TAG = "interrupted";
    private static final Logger LOG = System.getLogger(CallJournal.class.getName());
    private static final int BATCH_MAX = 500;

    /** How long an ended call's record may wait for the CDR service before the journal keeps it. */
    static final long ENDED_GRACE_MILLIS = 100;

    /** A row to write (record not null) or to remove (record null). */
    private record Op(String key, String state, CallRecord record) {
    }

    /**
     * An ended call whose record the CDR service has not yet stored: its final row is due at
     * {@code dueNanos}, or is being written; a write that failed is due again 1 s later, then 2, 4... 32 s.
     */
    private record Ending(CallRecord record, long dueNanos, boolean writing, int failures) {
    }

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataSource db;
    private final String node;
    /** Keys of the rows handed over again at start: they go once stored, whatever the call was. */
    private final Set<String> recovered = ConcurrentHashMap.newKeySet();
    private final GroupCommit<Op, Void> commits;
    private final Map<String, Ending> ending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param node this server's name: its rows carry it, and only its own are its to hand over at start
     * @param lingerMillis how long a batch of rows waits for more before its commit
     */
    public CallJournal(DataSource db, String node, long lingerMillis) {
        this.db = db;
        this.node = node;
        // a thread of its own: on the switch's shared timer, other work that waits on the database held the
        // ended calls' rows back for tens of seconds, and a crash then found those calls still answered
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-sip-journal");
            t.setDaemon(true);
            return t;
        });
        this.commits = new GroupCommit<>("sip-journal", BATCH_MAX, Duration.ofMillis(lingerMillis), this::commit);
        timer.scheduleWithFixedDelay(this::keepLate, ENDED_GRACE_MILLIS / 2, ENDED_GRACE_MILLIS / 2,
                TimeUnit.MILLISECONDS);
    }

    /** @return completes once the answered call's record is committed (exceptionally if it could not be) */
    CompletableFuture<Void> answered(CallRecord atAnswer) {
        return commits.submit(new Op(key(atAnswer), "answered", atAnswer));
    }

    /** An answer the caller never heard (its CANCEL came first, see CallTeardown): the answer's row goes. */
    void withdrawn(CallRecord atAnswer) {
        change(new Op(key(atAnswer), null, null));
    }

    /** A row changed in the next group commit, not awaited: a failure is logged, and the row stays as it was. */
    private void change(Op op) {
        commits.submit(op).whenComplete((done, e) -> {
            if (e != null) {
                LOG.log(Level.WARNING, "Call journal: cannot commit a row (" + (op.record() == null ? "removal" : op.state())
                        + "): " + e.getMessage());
            }
        });
    }

    /**
     * An answered call has ended: unless the CDR service stores its record within the grace, its
     * final record replaces the answer's row ({@link #keepLate}), so a crash before the CDR service
     * stores it keeps the BYE's time.
     */
    public void ended(CallRecord last) {
        if (last.answer() != null) {
            ending.put(key(last), new Ending(last, System.nanoTime() + ENDED_GRACE_MILLIS * 1_000_000, false, 0));
        }
    }

    /**
     * Writes the final records of the calls that ended more than the grace ago and are not yet
     * stored. A call stays here until its final row is committed or its record stored: a write that
     * failed (the database away) is tried again, so that a crash later still finds the call's end.
     */
    void keepLate() {
        long now = System.nanoTime();
        for (String key : ending.keySet()) {
            // submitted within the map's atomic step: stored()'s removal, and its row's, come after it
            ending.computeIfPresent(key, (k, end) -> {
                if (end.writing() || end.dueNanos() - now > 0) {
                    return end;
                }
                Ending writing = new Ending(end.record(), end.dueNanos(), true, end.failures());
                // its outcome is handled on the timer: the commit may complete within this very step
                commits.submit(new Op(k, "ended", end.record()))
                        .whenCompleteAsync((done, e) -> written(k, writing, e), timer);
                return writing;
            });
        }
    }

    private void written(String key, Ending writing, Throwable failure) {
        if (failure == null) {
            ending.remove(key, writing);
            return;
        }
        if (writing.failures() == 0) {
            LOG.log(Level.WARNING, "Call journal: cannot commit an ended call's row, trying again (after 1 s, then"
                    + " longer) until it is committed or its record stored: " + failure.getMessage());
        }
        // one second, then twice as long each time up to half a minute: a long outage's backlog stays cheap
        long wait = RETRY_NANOS << Math.min(writing.failures(), 5);
        ending.replace(key, writing, new Ending(writing.record(), System.nanoTime() + wait, false,
                writing.failures() + 1));
    }

    /** The CDR service has stored these records: their rows go. */
    public void stored(List<CallRecord> records) {
        for (CallRecord r : records) {
            String key = key(r);
            ending.remove(key);
            if (r.answer() != null || recovered.remove(key)) {
                change(new Op(key, null, null));
            }
        }
    }

    /** At stop: records the CDR service did not take are kept here, committed before this returns. */
    public void keep(List<CallRecord> unstored) {
        ending.clear();
        List<Op> ops = new ArrayList<>();
        for (CallRecord r : unstored) {
            ops.add(new Op(key(r), "ended", r));
        }
        try {
            commit(ops);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.ERROR, unstored.size() + " call record(s) neither stored nor journalled at stop: "
                    + e.getMessage());
        }
    }

    /** @return this server's name, which its rows and its calls' records carry */
    public String node() {
        return node;
    }

    /**
     * @return every record this server's last run left (and those of a version before servers had
     *         names): finished ones as they were, answered ones as interrupted (answered, never
     *         ended, hung up by the system)
     */
    public List<CallRecord> recover() {
        List<CallRecord> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, record FROM sb_sip_call_journal WHERE node = ? OR node IS NULL ORDER BY updated")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CallRecord r = ApiJson.MAPPER.readValue(rs.getString(2), CallRecord.class);
                    recovered.add(key(r));
                    out.add("answered".equals(rs.getString(1)) ? interrupted(r) : r);
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            LOG.log(Level.ERROR, "Cannot read the call journal of the last run: " + e.getMessage());
        }
        if (!out.isEmpty()) {
            LOG.log(Level.WARNING, "Call journal: " + out.size() + " record(s) of the last run handed over again ("
                    + out.stream().filter(r -> r.tags().containsKey(INTERRUPTED_TAG)).count()
                    + " answered call(s) interrupted by its end)");
        }
        return out;
    }

    /**
     * Takes over the rows a lost server left: each becomes this server's (one conditional update
     * per row, so two servers never both take one), and is handed over as {@link #recover} does.
     *
     * @return the records to store, answered calls among them as interrupted
     */
    public List<CallRecord> takeOver(String lost) {
        List<CallRecord> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement rows = c.prepareStatement("SELECT id, state, record FROM sb_sip_call_journal WHERE "
                        + "node = ? ORDER BY updated");
                PreparedStatement claim = c.prepareStatement("UPDATE sb_sip_call_journal SET node = ? WHERE id = ? "
                        + "AND node = ?")) {
            rows.setString(1, lost);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    claim.setString(1, node);
                    claim.setString(2, rs.getString(1));
                    claim.setString(3, lost);
                    if (claim.executeUpdate() == 1) {
                        CallRecord r = ApiJson.MAPPER.readValue(rs.getString(3), CallRecord.class);
                        recovered.add(key(r));
                        out.add("answered".equals(rs.getString(2)) ? interrupted(r) : r);
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            LOG.log(Level.ERROR, "Cannot take over the call journal of server " + lost + ": " + e.getMessage());
        }
        LOG.log(Level.WARNING, "Call journal: " + out.size() + " record(s) of lost server " + lost + " taken over ("
                + out.stream().filter(r -> r.tags().containsKey(INTERRUPTED_TAG)).count() + " call(s) interrupted)");
        return out;
    }

    static CallRecord interrupted(CallRecord r) {
        Map<String, String> tags = new LinkedHashMap<>(r.tags());
        tags.put(INTERRUPTED_TAG, "the server stopped during the call; its end is not known");
        return new CallRecord(r.id(), r.source(), r.sourceId(), r.callIds(), r.start(), r.ring(), r.answer(), null, 0,
                r.caller(), r.callerE164(), r.callerName(), r.callee(), r.calleeE164(), r.direction(), r.trunkIn(),
                r.trunkOut(), r.did(), r.disposition(), r.sipCode(), "Interrupted: the server stopped during the call",
                HangupSide.SYSTEM, r.codec(), r.qualityA(), r.qualityB(), tags);
    }

    /** Rows pending are committed, then later changes are refused. */
    public void close() {
        timer.shutdown();
        commits.close();
    }

    /** @return one result per op (none to give): all are committed in one transaction */
    private List<Void> commit(List<Op> ops) throws SQLException {
        if (ops.isEmpty()) {
            return List.of();
        }
        Map<String, Op> last = new LinkedHashMap<>();
        ops.forEach(op -> last.put(op.key(), op));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sb_sip_call_journal WHERE id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO sb_sip_call_journal (id, state, updated, record, node) VALUES (?, ?, ?, ?, ?)")) {
                for (Op op : last.values()) {
                    delete.setString(1, op.key());
                    delete.addBatch();
                    if (op.record() != null) {
                        insert.setString(1, op.key());
                        insert.setString(2, op.state());
                        insert.setTimestamp(3, Timestamp.from(Instant.now()));
                        insert.setString(4, ApiJson.MAPPER.writeValueAsString(op.record()));
                        insert.setString(5, node);
                        insert.addBatch();
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
            }
        }
        return Collections.nCopies(ops.size(), null);
    }

    /** @return the row's key: a digest of source and source id (a Call-ID may be hundreds of characters) */
    static String key(CallRecord r) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((r.source() + "\n" + r.sourceId()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
