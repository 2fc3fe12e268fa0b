package io.switchboard.mgmt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccountsClientTest {

    @Test
    void anAuditEntryNamesTheFieldsItsChangeChangedAtAnyDepth() throws Exception {
        var before = ApiCalls.JSON.readTree("{\"name\":\"uk\",\"priority\":10,\"trunks\":[\"a\"],"
                + "\"live\":{\"state\":\"UP\",\"rtt\":12},\"gone\":1}");
        var after = ApiCalls.JSON.readTree("{\"name\":\"uk\",\"priority\":20,\"trunks\":[\"a\",\"b\"],"
                + "\"live\":{\"state\":\"UP\",\"rtt\":15},\"new\":true}");
        assertEquals(List.of("priority", "trunks", "live.rtt", "gone", "new"), AccountsClient.changed(before, after));
        assertEquals(List.of(), AccountsClient.changed(null, after), "a creation has nothing to compare");
        assertEquals(List.of(), AccountsClient.changed(before, ApiCalls.JSON.readTree("[1]")));
    }
}
