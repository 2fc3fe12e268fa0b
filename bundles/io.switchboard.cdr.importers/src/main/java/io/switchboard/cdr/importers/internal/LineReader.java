package io.switchboard.cdr.importers.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.switchboard.cdr.api.ImportSink;

/**
 * Line-oriented CSV input for importers: each line is parsed on its own, so one broken line
 * (bad quoting, wrong field count) is reported with its number and the next line still imports.
 */
final class LineReader {

    interface LineHandler {
        /** @throws IllegalArgumentException with the admin's message when the line is bad */
        void handle(long line, List<String> fields, String raw);
    }

    private LineReader() {
    }

    static void read(InputStream in, CSVFormat format, ImportSink sink, LineHandler handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String raw;
        long line = 0;
        while ((raw = reader.readLine()) != null) {
            line++;
            if (raw.isBlank()) {
                continue;
            }
            List<String> fields;
            try (CSVParser parser = CSVParser.parse(raw, format)) {
                List<CSVRecord> records = parser.getRecords();
                if (records.size() != 1) {
                    throw new IllegalArgumentException("not one CSV record");
                }
                fields = records.get(0).toList();
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                sink.error(line, "not valid CSV: " + e.getMessage());
                continue;
            }
            try {
                handler.handle(line, fields, raw);
            } catch (IllegalArgumentException | DateTimeException e) {
                sink.error(line, e.getMessage());
            }
        }
    }

    /** @return a stable id for a line without one of its own: re-importing the line yields the same */
    static String contentId(String raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.strip().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
