package io.switchboard.console.ui.internal;

/**
 * A server the console knows: what the admin entered in the Servers navigator. The password is
 * not part of it; it lives in secure storage under the connection's id.
 *
 * @param id stable key, also the secure-storage node name
 * @param name what the admin calls the server
 * @param url the server's address, for example http://127.0.0.1:8080
 * @param user account name
 */
public record ServerConnection(String id, String name, String url, String user) {
}
