package io.switchboard.messaging.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.mgmt.api.ApiJson;

/** JSON of the messages resource: instants as ISO text. */
final class Json {

    static final ObjectMapper MAPPER = ApiJson.MAPPER;

    private Json() {
    }
}
