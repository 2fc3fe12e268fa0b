package io.switchboard.console.ui;

/**
 * One object under an area's node in the Servers navigator: a user, a trunk.
 *
 * @param label what the navigator shows ("alice (Alice Example)")
 * @param key what the area finds it by on the server ("alice"); one editor is open per key
 * @since 2.2
 */
public record NavigatorObject(String label, String key) {
}
