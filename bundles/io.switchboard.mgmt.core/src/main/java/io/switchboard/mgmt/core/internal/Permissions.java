package io.switchboard.mgmt.core.internal;

import java.util.Set;

import io.switchboard.mgmt.api.Role;

/**
 * Which role a request of the API needs, by method and path (relative to {@code /api/v1}); the
 * table in {@code docs/security.md} says the same in words. Reading is for everyone but for call
 * recordings, accounts and the audit log; a change needs an operator; accounts, the audit log,
 * webhooks, API tokens and deleting call records need an admin. A plugin's own resources follow the same rule.
 */
final class Permissions {

    /** POSTs that change nothing: they only compute an answer. */
    private static final Set<String> READ_ONLY_POSTS = Set.of("/sip/routes/compare");

    private Permissions() {
    }

    static Role required(String method, String path) {
        if (under(path, "/accounts") || under(path, "/audit") || under(path, "/webhooks") || under(path, "/tokens")) {
            return Role.ADMIN; // webhooks send call data out of the company, to an address they name
        }
        if (!changes(method, path)) {
            // call recordings, ladders, text messages' bodies and voice messages are content, not figures about it
            return isAttachment(path) ? Role.OPERATOR : Role.VIEWER;
        }
        if (path.equals("/account/password")) {
            return Role.VIEWER; // one's own
        }
        if (path.equals("/cdr/retention")) {
            return Role.ADMIN; // deletes call records
        }
        return Role.OPERATOR;
    }

    /** @return whether the request may change something, and so needs the CSRF proof and an audit entry */
    static boolean changes(String method, String path) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            case "POST" -> !READ_ONLY_POSTS.contains(path);
            default -> true;
        };
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static boolean isAttachment(String path) {
        return path.startsWith("/cdr/records/") && path.split("/").length == 5
                || path.startsWith("/messages/") && path.endsWith("/body") && path.split("/").length == 4
                || path.startsWith("/voicemail/messages/") && path.endsWith("/audio") && path.split("/").length == 5;
    }
}
