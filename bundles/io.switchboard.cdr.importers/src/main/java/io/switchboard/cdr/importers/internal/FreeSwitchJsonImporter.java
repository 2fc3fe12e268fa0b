package io.switchboard.cdr.importers.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.cdr.api.CdrImporter;
import io.switchboard.cdr.api.ImportSink;
import io.switchboard.platform.api.PluginInfo;

/**
 * FreeSWITCH mod_json_cdr: one CDR object per file, a JSON array of them, or one object per line
 * (as collected from its HTTP posts). Each object's {@code variables} are mapped; the record number
 * in the file is reported for bad ones.
 */
@Component(property = CdrImporter.FORMAT + "=freeswitch-json")
@PluginInfo(name = "cdr-import-freeswitch-json", vendor = "Switchboard", description = "FreeSWITCH mod_json_cdr")
public class FreeSwitchJsonImporter implements CdrImporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void read(String source, String fileName, InputStream in, ImportSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(1 << 16);
        int first;
        do {
            first = reader.read();
        } while (first != -1 && Character.isWhitespace(first));
        reader.reset();
        if (first == '[') {
            readArray(source, reader, sink);
        } else {
            readObjects(source, reader, sink);
        }
    }

    /** A JSON array: element n is record n. */
    private static void readArray(String source, BufferedReader reader, ImportSink sink) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(reader)) {
            parser.nextToken();
            long n = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                n++;
                handle(source, n, JSON.readTree(parser), sink);
            }
        } catch (JsonProcessingException e) {
            sink.error(0, "the JSON array breaks off at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** One object, or one object per line: the line is the record's number. */
    private static void readObjects(String source, BufferedReader reader, ImportSink sink) throws IOException {
        StringBuilder whole = new StringBuilder();
        String line;
        long lineNo = 0;
        boolean perLine = true;
        Map<Long, String> lines = new LinkedHashMap<>();
        while ((line = reader.readLine()) != null) {
            lineNo++;
            whole.append(line).append('\n');
            if (!line.isBlank()) {
                lines.put(lineNo, line);
            }
        }
        // A pretty-printed single object spans lines; an NDJSON file's first line is a whole object.
        if (lines.isEmpty()) {
            return;
        }
        try {
            perLine = JSON.readTree(lines.values().iterator().next()).isObject();
        } catch (JsonProcessingException partOfALargerDocument) {
            perLine = false;
        }
        if (!perLine) {
            try {
                handle(source, 1, JSON.readTree(whole.toString()), sink);
            } catch (JsonProcessingException e) {
                sink.error(e.getLocation().getLineNr(), "not valid JSON: " + e.getOriginalMessage());
            }
            return;
        }
        for (Map.Entry<Long, String> e : lines.entrySet()) {
            try {
                handle(source, e.getKey(), JSON.readTree(e.getValue()), sink);
            } catch (JsonProcessingException bad) {
                sink.error(e.getKey(), "not valid JSON: " + bad.getOriginalMessage());
            }
        }
    }

    private static void handle(String source, long n, JsonNode cdr, ImportSink sink) {
        JsonNode variables = cdr.path("variables");
        if (!variables.isObject()) {
            sink.error(n, "no \"variables\" object: not a mod_json_cdr record");
            return;
        }
        Map<String, String> v = new LinkedHashMap<>();
        variables.properties().forEach(e -> v.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        try {
            sink.record(n, FreeSwitchMapping.map(source, v));
        } catch (IllegalArgumentException e) {
            sink.error(n, e.getMessage());
        }
    }
}
