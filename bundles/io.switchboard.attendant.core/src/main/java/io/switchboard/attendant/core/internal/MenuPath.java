package io.switchboard.attendant.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.switchboard.attendant.api.Menu;
import io.switchboard.sip.api.calltarget.TargetPath;

/**
 * What the route simulator shows of a menu: its greeting, and each key's way on, then no key's and wrong keys'. The
 * directory's key is named in the menu's line: it leads to whichever user the caller picks.
 */
final class MenuPath {

    private MenuPath() {
    }

    static TargetPath of(Menu m) {
        List<TargetPath.Branch> ways = new ArrayList<>();
        StringBuilder directory = new StringBuilder();
        for (Map.Entry<String, String> key : new TreeMap<>(m.keys()).entrySet()) {
            if (key.getValue().equals(Menu.DIRECTORY)) {
                directory.append("; key ").append(key.getKey()).append(": the directory (a user found by last name)");
            } else {
                ways.add(new TargetPath.Branch("key " + key.getKey(), destination(key.getValue())));
            }
        }
        String tries = m.retries() == 0 ? "" : " after " + (m.retries() + 1) + " tries";
        ways.add(new TargetPath.Branch("no key" + tries, destination(m.timeoutDestination())));
        ways.add(new TargetPath.Branch("wrong keys" + tries, destination(m.invalidDestination())));
        return new TargetPath("menu " + m.name() + " plays " + m.greeting() + " and waits " + m.timeoutSeconds()
                + " s for a key" + (m.directDial() ? "; callers may dial an extension" : "") + directory, ways);
    }

    /** @return what the switch is handed: another menu by its own name, null for goodbye */
    private static String destination(String d) {
        return d == null ? null : d.startsWith(Menu.MENU) ? d.substring(Menu.MENU.length()) : d;
    }
}
