package io.switchboard.mgmt.core.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.switchboard.mgmt.api.Role;

/**
 * What an API token may do: each scope opens a few paths of the API to a few methods, and nothing
 * else. A token never does what needs an admin (accounts, tokens, the audit log, webhooks, record
 * retention) whatever its scopes, so that no integration holds the keys to the switch.
 */
enum TokenScope {

    /** Click-to-call: places calls and follows them. */
    CALLS("calls", "Place calls between a user's phone and a number (click-to-call), follow and hang them up", true,
            "/calls"),
    /** Callbacks and scheduled calls. */
    CALLBACKS("callbacks", "Ask for callbacks and scheduled calls, follow and cancel them", true, "/callbacks"),
    /** Call records and their searches, without recordings. */
    CDR_READ("cdr:read", "Read and search call records and export them (no recordings)", false, "/cdr/records",
            "/cdr/export", "/cdr/status"),
    /** Call recordings and ladders: what was said, so a scope of its own. */
    RECORDINGS_READ("recordings:read", "Download the recordings and SIP ladders of call records", false,
            "/cdr/records"),
    /** Read text messages and what they said. */
    MESSAGES_READ("messages:read", "Read text messages, their bodies included", false, "/messages"),
    /** Users, numbers, groups and forwarding: what an HR or CRM system keeps in step. */
    PROVISIONING("provisioning", "Create, change and delete users, numbers, ring groups and forwarding", true,
            "/sip/users", "/sip/numbers", "/groups", "/forwarding", "/voicemail/mailboxes"),
    /** The server's health and figures, for monitoring. */
    STATUS_READ("status:read", "Read the server's health, status, version and metrics", false, "/health", "/status",
            "/version", "/metrics", "/sip/status", "/media/status", "/kpi"),
    /** The queues' live figures, for the wall screen's page: a token that sits in a screen's address. */
    WALLBOARD("wallboard", "Read the live figures of call queues by name (the wallboard page), nothing else", false,
            "/queues"),
    /** Everything a viewer may read. */
    READ("read", "Read everything a viewer may read (not recordings, message bodies or voice messages)", false);

    /** A queue's live figures: not the list of queues (their members and overflows), skills or past reports. */
    private static final Pattern LIVE = Pattern.compile("/queues/[^/?]+/status");

    private final String id;
    private final String description;
    private final boolean changes;
    private final List<String> prefixes;

    TokenScope(String id, String description, boolean changes, String... prefixes) {
        this.id = id;
        this.description = description;
        this.changes = changes;
        this.prefixes = List.of(prefixes);
    }

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    /** @return the role a token with this scope acts with: an operator's for changes, else a viewer's */
    Role role() {
        return changes || this == RECORDINGS_READ || this == MESSAGES_READ ? Role.OPERATOR : Role.VIEWER;
    }

    /**
     * @param path the decoded path below {@code /api/v1}, as the context judged it
     * @return whether this scope lets a token make the request; the role the path needs is checked apart
     */
    boolean allows(String method, String path) {
        boolean reads = !Permissions.changes(method, path);
        Role needed = Permissions.required(method, path);
        if (needed == Role.ADMIN) {
            return false;
        }
        return switch (this) {
            case READ -> reads && needed == Role.VIEWER;
            case RECORDINGS_READ -> reads && under(path) && needed == Role.OPERATOR;
            case CDR_READ, STATUS_READ -> reads && under(path) && needed == Role.VIEWER;
            case WALLBOARD -> reads && needed == Role.VIEWER && LIVE.matcher(path).matches();
            case MESSAGES_READ -> reads && under(path);
            case PROVISIONING, CALLS, CALLBACKS -> under(path);
        };
    }

    private boolean under(String path) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "?"));
    }

    /** @throws IllegalArgumentException naming the scopes there are, when {@code id} is none of them */
    static TokenScope of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (TokenScope s : values()) {
            if (s.id.equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scope '" + ManagementContext.loggable(String.valueOf(id))
                + "': " + String.join(", ", Arrays.stream(values()).map(TokenScope::id).toList()));
    }
}
