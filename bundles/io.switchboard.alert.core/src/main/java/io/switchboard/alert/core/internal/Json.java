package io.switchboard.alert.core.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.mgmt.api.ApiJson;

/** JSON of rules and alerts: kinds and scopes as the API writes them (baseline, trunk-down, trunk). */
final class Json {

    static final ObjectMapper MAPPER = ApiJson.MAPPER.copy()
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
