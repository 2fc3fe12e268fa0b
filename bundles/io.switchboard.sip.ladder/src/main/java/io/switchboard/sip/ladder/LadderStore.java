package io.switchboard.sip.ladder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ladders in the database (table {@code sb_sip_ladder}), one row per call, gzip-compressed.
 * One writer thread inserts whatever has queued in one transaction, so that ladders cost the
 * switch one commit per batch of calls, not one per call.
 */
public final class LadderStore {

    private static final Logger LOG = System.getLogger(LadderStore.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_MAX = 200;
    /**
     * How long a batch waits for more ladders before its commit: a commit per few ladders took a tenth
     * of the server's CPU per call at 400 calls/s (docs/benchmarks.md); ladders are read after the call.
     */
    private static final long LINGER_MILLIS = 500;

    private final DataSource db;
    private final LinkedBlockingQueue<CallLadder> queue = new LinkedBlockingQueue<>(10_000);
    private Thread writer;

    public LadderStore(DataSource db) {
        this.db = db;
    }

    /** Starts the writer; a store made only to read and purge needs none. */
    public LadderStore start() {
        writer = new Thread(this::run, "switchboard-sip-ladders");
        writer.setDaemon(true);
        writer.start();
        return this;
    }

    void save(CallLadder ladder) {
        if (!queue.offer(ladder)) {
            LOG.log(Level.WARNING, "SIP ladder of call " + ladder.aCallId + " not kept: the database is behind");
        }
    }

    private volatile boolean stopping;

    /**
     * Writes what is queued, then stops the writer. Never by interrupting it: H2 closes the whole
     * database when a thread is interrupted in the middle of writing its file.
     */
    public void close() {
        stopping = true;
        if (writer != null) {
            try {
                writer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<CallLadder> rest = new ArrayList<>();
        queue.drainTo(rest);
        write(rest);
    }

    /**
     * @return the call's ladder as JSON: {callId, started, dropped, messages: [{time, leg, direction, peer, local,
     *         firstLine, message}]}
     */
    public Optional<byte[]> json(String aCallId) throws IOException {
        Optional<Stored> stored = read(aCallId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", aCallId);
        body.put("started", stored.get().started().toString());
        body.put("dropped", stored.get().dropped());
        body.put("messages", stored.get().messages());
        return Optional.of(JSON.writeValueAsBytes(body));
    }

    /** @return the call's ladder as a capture Wireshark and tcpdump read ({@link LadderPcap}) */
    public Optional<byte[]> pcap(String aCallId) throws IOException {
        return read(aCallId).map(stored -> LadderPcap.write(stored.messages()));
    }

    private record Stored(Instant started, int dropped, List<CallLadder.Entry> messages) {
    }

    private Optional<Stored> read(String aCallId) throws IOException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT started, dropped, ladder FROM sb_sip_ladder WHERE call_id = ?")) {
            ps.setString(1, aCallId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new Stored(rs.getTimestamp(1).toInstant(), rs.getInt(2),
                            unpack(new String(gunzip(rs.getBytes(3)), StandardCharsets.UTF_8))));
                } catch (RuntimeException damaged) {
                    throw new IOException("The stored SIP ladder of call " + aCallId + " cannot be read: "
                            + damaged.getMessage(), damaged);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Cannot read the SIP ladder of call " + aCallId + ": " + e.getMessage(), e);
        }
    }

    /** @return how many ladders of calls that started before the cutoff were removed */
    public long removeBefore(Instant cutoff) throws IOException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_sip_ladder WHERE started < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("Cannot remove old SIP ladders: " + e.getMessage(), e);
        }
    }

    private void run() {
        List<CallLadder> batch = new ArrayList<>();
        while (!stopping) {
            try {
                CallLadder next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                batch.add(next);
                if (queue.size() < BATCH_MAX - 1 && !stopping) {
                    Thread.sleep(LINGER_MILLIS);
                }
            } catch (InterruptedException stop) {
                return;
            }
            queue.drainTo(batch, BATCH_MAX - 1);
            write(batch);
            batch.clear();
        }
    }

    /**
     * Writes a batch in one transaction; if it fails, each ladder again on its own, so that one bad or
     * repeated ladder is reported and skipped, never its neighbours (under a fuzzer a repeated Call-ID
     * once took a quarter of all ladders with it).
     */
    private void write(List<CallLadder> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<CallLadder> unique = latestPerCall(batch);
        try {
            insert(unique);
        } catch (SQLException | RuntimeException failed) {
            int lost = 0;
            for (CallLadder ladder : unique) {
                try {
                    insert(List.of(ladder));
                } catch (SQLException | RuntimeException e) {
                    lost++;
                    LOG.log(Level.WARNING, "SIP ladder of call " + printable(ladder.aCallId) + " not kept: "
                            + e.getMessage());
                }
            }
            if (lost == 0) {
                LOG.log(Level.DEBUG, "A batch of SIP ladders was written again one by one: " + failed.getMessage());
            }
        }
    }

    /** @return the batch with one ladder per call, its latest: a repeated Call-ID replaces the ladder before it */
    static List<CallLadder> latestPerCall(List<CallLadder> batch) {
        Map<String, CallLadder> byCall = new LinkedHashMap<>();
        for (CallLadder ladder : batch) {
            if (byCall.remove(ladder.aCallId) != null) {
                LOG.log(Level.INFO, "SIP ladder of call " + printable(ladder.aCallId)
                        + " came twice in one batch: the later one is kept");
            }
            byCall.put(ladder.aCallId, ladder);
        }
        return new ArrayList<>(byCall.values());
    }

    private void insert(List<CallLadder> ladders) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sb_sip_ladder WHERE call_id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO sb_sip_ladder (call_id, started, messages, dropped, ladder) VALUES (?, ?, ?, ?, ?)")) {
                for (CallLadder ladder : ladders) {
                    List<CallLadder.Entry> entries = ladder.entries();
                    delete.setString(1, ladder.aCallId);
                    delete.addBatch();
                    insert.setString(1, ladder.aCallId);
                    insert.setTimestamp(2, Timestamp.from(ladder.started));
                    insert.setInt(3, entries.size());
                    insert.setInt(4, ladder.dropped());
                    insert.setBytes(5, pack(entries));
                    insert.addBatch();
                }
                delete.executeBatch();
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A Call-ID as a sender wrote it, reduced to printable ASCII for the log. */
    private static String printable(String callId) {
        String s = callId == null ? "" : callId.replaceAll("[^\\x20-\\x7E]", "?");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /**
     * The messages as stored: per message a line "time TAB leg TAB direction TAB peer TAB length TAB
     * local", then the message (ladders kept before the switch's own address was have no local); fast
     * gzip. JSON is made only when a ladder is read: a fifth of the cost per call.
     */
    static byte[] pack(List<CallLadder.Entry> entries) {
        StringBuilder text = new StringBuilder(4096);
        for (CallLadder.Entry e : entries) {
            text.append(e.time()).append('\t').append(e.leg()).append('\t').append(e.direction()).append('\t')
                    .append(e.peer() == null ? "" : e.peer()).append('\t').append(e.message().length()).append('\t')
                    .append(e.local() == null ? "" : e.local()).append('\n')
                    .append(e.message());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 3);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gunzip(byte[] packed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("A stored SIP ladder is damaged: " + e.getMessage(), e);
        }
    }

    static List<CallLadder.Entry> unpack(String text) {
        List<CallLadder.Entry> out = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int eol = text.indexOf('\n', at);
            String[] head = text.substring(at, eol).split("\t", -1);
            int length = Integer.parseInt(head[4]);
            String message = text.substring(eol + 1, eol + 1 + length);
            int first = message.indexOf('\r');
            String local = head.length > 5 && !head[5].isEmpty() ? head[5] : null;
            out.add(new CallLadder.Entry(head[0], head[1], head[2], head[3].isEmpty() ? null : head[3],
                    first < 0 ? message : message.substring(0, first), message, local));
            at = eol + 1 + length;
        }
        return out;
    }
}
