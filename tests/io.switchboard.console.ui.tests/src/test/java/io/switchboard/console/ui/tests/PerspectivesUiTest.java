package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin's tasks as perspectives: the perspective bar switches between Provisioning, Live
 * Calls, Analytics and Phone, each with its own views beside the one Servers navigator; a view of
 * another perspective asked for by an area (the dashboards' drill-down into the call records)
 * brings its perspective.
 */
class PerspectivesUiTest {

    private static final String PASSWORD = "perspectives-ui-test";
    private static final String PERSPECTIVE = "io.switchboard.console.ui.perspective.";
    private static final String TOOL = "io.switchboard.console.ui.toolitem.perspective.";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        console.clickToolItem(TOOL + "provisioning");
        ConsoleDriver.await("provisioning in front", () -> (PERSPECTIVE + "provisioning").equals(console.perspective()) ? "" : null);
        server.close();
    }

    @Test
    void thePerspectiveBarSwitchesBetweenTheAdminsTasks(TestInfo test) throws Exception {
        try {
            console.window();
            console.addServer("tasks", server.url(), PASSWORD);
            console.awaitText(console.window(), "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            assertEquals(PERSPECTIVE + "provisioning", console.perspective());
            assertTrue(shown("io.switchboard.sip.ui.part.users") != null || console.ui(() -> find("io.switchboard.sip.ui.part.users")) != null,
                    "Users in Provisioning");

            switchTo("live");
            console.showPart("io.switchboard.sip.ui.part.calls");
            assertEquals(PERSPECTIVE + "live", console.perspective(), "Active Calls is in Live Calls");
            awaitVisible("io.switchboard.sip.ui.part.calls");
            assertNull(console.ui(() -> find("io.switchboard.sip.ui.part.users")), "no Users in Live Calls");
            console.tour("perspective-live");

            switchTo("analytics");
            console.showPart("io.switchboard.kpi.ui.part.dashboards");
            awaitVisible("io.switchboard.kpi.ui.part.dashboards");
            console.tour("perspective-analytics");

            switchTo("phone");
            awaitVisible("io.switchboard.phone.ui.part.softphone");
            // the navigator is the same one in every perspective: the server is still there, connected
            TreeItem tasks = console.navigatorItem("tasks");
            assertEquals("connected", console.ui(() -> tasks.getText(1)));
            console.tour("perspective-phone");

            // a view asked for from another perspective brings its own
            console.showPart("io.switchboard.sip.ui.part.trunks");
            assertEquals(PERSPECTIVE + "provisioning", console.perspective());
            awaitVisible("io.switchboard.sip.ui.part.trunks");
            // and the bar says so, however the perspective came to the front
            ToolItem provisioning = console.toolItem(TOOL + "provisioning");
            ToolItem phone = console.toolItem(TOOL + "phone");
            ConsoleDriver.await("Provisioning pressed on the bar", () -> console.ui(
                    () -> provisioning.getSelection() && !phone.getSelection() ? provisioning : null));
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    private void switchTo(String name) throws InterruptedException {
        console.clickToolItem(TOOL + name);
        ConsoleDriver.await(name + " in front", () -> (PERSPECTIVE + name).equals(console.perspective()) ? name : null);
    }

    private static MPart find(String partId) {
        return ConsoleDriver.partService().findPart(partId);
    }

    private MPart shown(String partId) {
        return console.ui(() -> {
            MPart p = find(partId);
            return p != null && p.getWidget() instanceof Control c && c.isVisible() ? p : null;
        });
    }

    private void awaitVisible(String partId) throws InterruptedException {
        ConsoleDriver.await(partId + " on screen", () -> shown(partId));
    }
}
