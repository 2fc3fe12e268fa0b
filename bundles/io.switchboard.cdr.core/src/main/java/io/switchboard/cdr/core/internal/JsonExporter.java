package io.switchboard.cdr.core.internal;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrExporter;
import io.switchboard.platform.api.PluginInfo;

/** A JSON array of records, written as they come. */
@Component(property = CdrExporter.FORMAT + "=json")
@PluginInfo(name = "cdr-export-json", vendor = "Switchboard", description = "Call records as a JSON array")
public class JsonExporter implements CdrExporter {

    static final ObjectMapper JSON = ApiJson.MAPPER;

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public Writer open(OutputStream out) throws IOException {
        JsonGenerator gen = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.writeStartArray();
        return new Writer() {
            @Override
            public void write(CallRecord r) throws IOException {
                JSON.writeValue(gen, r);
            }

            @Override
            public void close() throws IOException {
                gen.writeEndArray();
                gen.close();
            }
        };
    }
}
