package io.switchboard.mgmt.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auto attendant's menus in the management API ({@code /attendant/menus}). A menu is saved with the version it
 * was read at: the server refuses it (412) when someone changed it meanwhile, so an admin's change never lands on
 * top of another's. Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.16
 */
public final class MenusClient {

    /** A menu as the server keeps it; {@code version} 0 for one not stored yet. */
    public record Menu(String name, String greeting, Map<String, String> keys, boolean directDial, int timeoutSeconds,
            int retries, String timeoutDestination, String invalidDestination, String description, long version) {
    }

    /** The prompts a greeting may name: the shipped ones and the admin's own. */
    public record Prompts(List<String> shipped, List<String> own, String folder) {
    }

    private final ManagementClient api;

    public MenusClient(ManagementClient api) {
        this.api = api;
    }

    public List<Menu> all() throws ManagementException {
        return ApiCalls.list(api.get("attendant/menus"), Menu.class);
    }

    public Prompts prompts() throws ManagementException {
        return ApiCalls.read(api.get("attendant/prompts"), Prompts.class);
    }

    /**
     * Creates the menu (version 0) or changes it from the version it was read at.
     *
     * @throws ManagementException 400 naming the first bad field; 412 when it was changed (or made) meanwhile
     */
    public Menu save(Menu m) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("greeting", m.greeting());
        body.put("keys", m.keys());
        body.put("directDial", m.directDial());
        body.put("timeoutSeconds", m.timeoutSeconds());
        body.put("retries", m.retries());
        body.put("timeoutDestination", blank(m.timeoutDestination()));
        body.put("invalidDestination", blank(m.invalidDestination()));
        body.put("description", blank(m.description()));
        body.put("version", m.version());
        return ApiCalls.read(ApiCalls.put(api, "attendant/menus/" + ApiCalls.path(m.name()), body), Menu.class);
    }

    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "attendant/menus/" + ApiCalls.path(name));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
