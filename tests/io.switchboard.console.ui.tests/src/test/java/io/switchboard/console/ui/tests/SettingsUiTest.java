package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's settings page, built from what the server describes: the admin opens it, finds the
 * switch's PID among every bundle's, and reads its settings with their types, defaults and what they
 * do; a secret's default is never shown. The run draws the view for the console tour.
 */
class SettingsUiTest {

    private static final String PASSWORD = "settings-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminReadsWhatEachSettingDoes() throws Exception {
        Shell window = console.window();
        console.addServer("described", server.url(), PASSWORD);
        console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
        console.showPart("io.switchboard.console.ui.part.settings");
        Table pids = console.find(window, "settings.pids", Table.class);
        int sip = ConsoleDriver.await("the switch's settings listed", () -> console.ui(() -> {
            for (int i = 0; i < pids.getItemCount(); i++) {
                if (pids.getItem(i).getText(0).equals("io.switchboard.sip")) {
                    return i;
                }
            }
            return null;
        }));
        assertTrue(console.ui(pids::getItemCount) >= 20, "every bundle's settings");
        console.select(pids, sip);
        Table settings = console.find(window, "settings.attributes", Table.class);
        String realm = ConsoleDriver.await("the realm's row", () -> console.ui(() -> {
            for (int i = 0; i < settings.getItemCount(); i++) {
                if (settings.getItem(i).getText(0).equals("realm")) {
                    return settings.getItem(i).getText(1) + "|" + settings.getItem(i).getText(2) + "|"
                            + settings.getItem(i).getText(3);
                }
            }
            return null;
        }));
        assertTrue(realm.startsWith("string|switchboard|") && realm.contains("Digest realm"), realm);
        String about = console.awaitText(window, "settings.about", t -> t.startsWith("etc/io.switchboard.sip.cfg"));
        assertTrue(about.contains("io.switchboard.sip.core"), about);
        console.tour("settings");
    }
}
