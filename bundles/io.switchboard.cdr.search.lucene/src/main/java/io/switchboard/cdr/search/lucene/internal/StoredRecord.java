package io.switchboard.cdr.search.lucene.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.util.BytesRef;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.Quality;

/**
 * The whole record as one stored field, so that search results need no database round trip. A
 * compact versioned binary form: writing it costs a fraction of JSON, which matters because every
 * ingested record pays for it. The index is derived data: a format change bumps {@link #VERSION}
 * and the consistency check at start rebuilds the index from the database.
 */
final class StoredRecord {

    static final int VERSION = 1;

    private StoredRecord() {
    }

    static BytesRef encode(CallRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            string(out, r.id());
            string(out, r.source());
            string(out, r.sourceId());
            out.writeShort(r.callIds().size());
            for (String c : r.callIds()) {
                string(out, c);
            }
            instant(out, r.start());
            instant(out, r.ring());
            instant(out, r.answer());
            instant(out, r.end());
            out.writeLong(r.billableSeconds());
            string(out, r.caller());
            string(out, r.callerE164());
            string(out, r.callerName());
            string(out, r.callee());
            string(out, r.calleeE164());
            out.writeByte(r.direction().ordinal());
            string(out, r.trunkIn());
            string(out, r.trunkOut());
            string(out, r.did());
            out.writeByte(r.disposition().ordinal());
            out.writeShort(r.sipCode());
            string(out, r.sipReason());
            out.writeByte(r.hangupSide().ordinal());
            string(out, r.codec());
            quality(out, r.qualityA());
            quality(out, r.qualityB());
            out.writeShort(r.tags().size());
            for (Map.Entry<String, String> tag : r.tags().entrySet()) {
                string(out, tag.getKey());
                string(out, tag.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BytesRef(bytes.toByteArray());
    }

    static CallRecord decode(BytesRef ref) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(ref.bytes, ref.offset, ref.length));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("Stored record format " + version + " is not " + VERSION + ": rebuild the index");
        }
        String id = string(in);
        String source = string(in);
        String sourceId = string(in);
        int n = in.readUnsignedShort();
        List<String> callIds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            callIds.add(string(in));
        }
        Instant start = instant(in);
        Instant ring = instant(in);
        Instant answer = instant(in);
        Instant end = instant(in);
        long billable = in.readLong();
        String caller = string(in);
        String callerE164 = string(in);
        String callerName = string(in);
        String callee = string(in);
        String calleeE164 = string(in);
        Direction direction = Direction.values()[in.readUnsignedByte()];
        String trunkIn = string(in);
        String trunkOut = string(in);
        String did = string(in);
        Disposition disposition = Disposition.values()[in.readUnsignedByte()];
        int sipCode = in.readUnsignedShort();
        String reason = string(in);
        HangupSide hangup = HangupSide.values()[in.readUnsignedByte()];
        String codec = string(in);
        Quality a = quality(in);
        Quality b = quality(in);
        int t = in.readUnsignedShort();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < t; i++) {
            tags.put(string(in), string(in));
        }
        return new CallRecord(id, source, sourceId, callIds, start, ring, answer, end, billable, caller, callerE164,
                callerName, callee, calleeE164, direction, trunkIn, trunkOut, did, disposition, sipCode, reason, hangup,
                codec, a, b, tags);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            return null;
        }
        byte[] b = in.readNBytes(len);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant i) throws IOException {
        out.writeBoolean(i != null);
        if (i != null) {
            out.writeLong(i.getEpochSecond());
            out.writeInt(i.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void quality(DataOutputStream out, Quality q) throws IOException {
        decimal(out, q.mos());
        decimal(out, q.jitterMs());
        decimal(out, q.lossPercent());
        decimal(out, q.rttMs());
    }

    private static Quality quality(DataInputStream in) throws IOException {
        Double mos = decimal(in);
        Double jitter = decimal(in);
        Double loss = decimal(in);
        Double rtt = decimal(in);
        return mos == null && jitter == null && loss == null && rtt == null ? Quality.NONE
                : new Quality(mos, jitter, loss, rtt);
    }

    private static void decimal(DataOutputStream out, Double d) throws IOException {
        out.writeDouble(d == null ? Double.NaN : d);
    }

    private static Double decimal(DataInputStream in) throws IOException {
        double d = in.readDouble();
        return Double.isNaN(d) ? null : d;
    }
}
