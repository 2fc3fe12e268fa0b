package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The accounts of the management API and its audit log ({@code /accounts}, {@code /audit}), for
 * admins: the server answers anyone else 403. Blocks like {@link ManagementClient}: call it from a job.
 */
public final class AccountsClient {

    /** An account: never its password. */
    public record Account(String name, String role, Instant created, Instant updated) {
    }

    /**
     * One change made through the API.
     *
     * @param before the resource before, as indented JSON with secrets masked; null when new
     * @param after the resource after, or the server's answer; null when it is gone
     * @param changed the fields whose values differ between before and after, when both are objects
     */
    public record AuditEntry(long id, Instant at, String account, String role, String address, String method,
            String path, int status, String before, String after, List<String> changed) {
    }

    private final ManagementClient api;

    public AccountsClient(ManagementClient api) {
        this.api = api;
    }

    public List<Account> accounts() throws ManagementException {
        return ApiCalls.list(api.get("accounts"), Account.class);
    }

    /**
     * Creates an account (role and password needed) or changes its role, password or both.
     *
     * @param role admin, operator or viewer; null to keep an account's
     * @param password at least 12 characters; null to keep an account's
     */
    public Account save(String name, String role, String password) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (role != null) {
            body.put("role", role);
        }
        if (password != null) {
            body.put("password", password);
        }
        return ApiCalls.read(ApiCalls.put(api, "accounts/" + ApiCalls.path(name), body), Account.class);
    }

    /** @return false when there was no such account */
    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "accounts/" + ApiCalls.path(name));
    }

    /**
     * @param account only this account's changes, or null for everyone's
     * @param limit at most this many, newest first (1 to 1000)
     */
    public List<AuditEntry> audit(String account, int limit) throws ManagementException {
        String query = "audit?limit=" + limit + (account == null || account.isBlank() ? ""
                : "&account=" + ApiCalls.query(account));
        JsonNode entries = api.get(query);
        List<AuditEntry> out = new ArrayList<>();
        for (JsonNode e : entries) {
            out.add(new AuditEntry(e.path("id").asLong(), ApiCalls.instant(e, "at"), ApiCalls.text(e, "account"),
                    ApiCalls.text(e, "role"), ApiCalls.text(e, "address"), ApiCalls.text(e, "method"),
                    ApiCalls.text(e, "path"), e.path("status").asInt(), pretty(e.get("before")), pretty(e.get("after")),
                    changed(e.get("before"), e.get("after"))));
        }
        return out;
    }

    /** @return the fields, at any depth (a.b), that differ between the two objects, or none when either is none */
    static List<String> changed(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        if (before != null && after != null && before.isObject() && after.isObject()) {
            differences("", before, after, out);
        }
        return out;
    }

    private static void differences(String prefix, JsonNode before, JsonNode after, List<String> out) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode b = before.get(name);
            JsonNode a = after.get(name);
            if (name.equals("version") && (b == null || b.isNumber()) && (a == null || a.isNumber())) {
                continue; // each change raises an object's version: not a field the admin changed
            }
            if (b != null && a != null && b.isObject() && a.isObject()) {
                differences(prefix + name + ".", b, a, out);
            } else if (b == null || !b.equals(a)) {
                out.add(prefix + name);
            }
        }
    }

    private static String pretty(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.toPrettyString();
    }
}
