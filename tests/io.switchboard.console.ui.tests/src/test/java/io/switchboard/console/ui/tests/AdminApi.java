package io.switchboard.console.ui.tests;

import java.nio.charset.StandardCharsets;

import io.switchboard.mgmt.client.ManagementClient;

/** What a UI test makes on its server before the console looks, and reads back after: the API as admin. */
final class AdminApi {

    private final ManagementClient api;

    AdminApi(TestServer server, String password) {
        this.api = new ManagementClient(server.url(), "admin", password);
    }

    void put(String path, String json) throws Exception {
        api.json("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    void post(String path, String body, String contentType) throws Exception {
        api.json("POST", path, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** @return the resource's JSON without white space, or the failure as text, for waiting on a value */
    String compact(String path) {
        try {
            return api.text(path).replaceAll("\\s", "");
        } catch (Exception e) {
            return e.toString();
        }
    }
}
