package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Conferences in the real console against a real server: alice's baresip is in room 7001, playing
 * a tone; the Conferences view lists the room and shows her talking, calls bob's baresip in, mutes
 * her and locks the room from its buttons, and makes room 7002 from the form with a PIN the API then says is set. The run
 * draws the view for the console tour.
 */
class ConferencesUiTest {

    private static final String PASSWORD = "conferences-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @TempDir
    Path base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of());
        api = new AdminApi(server, PASSWORD);
        api.put("sip/users/alice", "{\"password\":\"alice-password-1\",\"displayName\":\"Alice\"}");
        api.put("sip/users/bob", "{\"password\":\"bob-password-22\",\"displayName\":\"Bob\"}");
        api.put("conference/rooms/7001", "{\"name\":\"Standup\",\"tones\":false}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminWatchesARoomMutesLocksAndMakesAnother(TestInfo test) throws Exception {
        try (Baresip alice = new Baresip(base.resolve("alice"), "\"Alice\" <sip:alice@127.0.0.1:" + server.sipPort
                + ">;auth_pass=alice-password-1", Tones.write(base.resolve("tone.wav"), 440, 60), List.of());
                Baresip bob = new Baresip(base.resolve("bob"), server.sipPort, "bob", "bob-password-22",
                        Tones.write(base.resolve("bob.wav"), 660, 60))) {
            ConsoleDriver.await("alice registered", () -> !api.compact("sip/registrations?user=alice").equals("[]"));
            ConsoleDriver.await("bob registered", () -> !api.compact("sip/registrations?user=bob").equals("[]"));
            alice.command("dial", "sip:7001@127.0.0.1:" + server.sipPort);
            ConsoleDriver.await("alice in the room", () -> api.compact("conference/rooms/7001/participants")
                    .contains("\"talking\":true"));
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.conference.ui.part.conferences");
            Table rooms = console.find(window, "conference.rooms", Table.class);
            ConsoleDriver.await("room 7001 listed with one in it", () -> console.ui(() -> rooms.getItemCount() == 1
                    && rooms.getItem(0).getText(2).equals("1") ? rooms : null));
            console.select(rooms, 0);
            Table roster = console.find(window, "conference.roster", Table.class);
            ConsoleDriver.await("alice talking in the roster", () -> console.ui(() -> roster.getItemCount() == 1
                    && roster.getItem(0).getText(0).equals("Alice (alice)")
                    && roster.getItem(0).getText(2).equals("talking") ? roster : null));
            // the room calls bob in: his phone answers and he is in the roster
            console.type(window, "conference.invitee", "bob");
            console.click(window, "conference.invite");
            ConsoleDriver.await("bob called in", () -> console.ui(() -> roster.getItemCount() == 2
                    && roster.getItem(1).getText(0).equals("bob") && !roster.getItem(1).getText(1).startsWith("called")
                    ? roster : null));
            console.awaitText(window, "conference.last", t -> t.startsWith("Latest conference: from ")
                    && t.contains("going on; 2 participants, at most 2 at once"));
            console.select(roster, 0);
            console.click(window, "conference.mute");
            ConsoleDriver.await("alice muted", () -> api.compact("conference/rooms/7001/participants")
                    .contains("\"muted\":true"));
            ConsoleDriver.await("shown muted", () -> console.ui(() -> roster.getItemCount() == 2
                    && roster.getItem(0).getText(3).equals("muted") ? roster : null));
            console.click(window, "conference.lock");
            ConsoleDriver.await("room locked", () -> api.compact("conference/rooms/7001").contains("\"locked\":true"));
            ConsoleDriver.await("shown locked", () -> console.ui(() -> rooms.getItemCount() == 1
                    && rooms.getItem(0).getText(4).startsWith("LOCKED") ? rooms : null));

            console.type(window, "conference.number", "7002");
            console.type(window, "conference.name", "Board");
            console.type(window, "conference.pin", "2468");
            console.click(window, "conference.save");
            ConsoleDriver.await("room 7002 made", () -> api.compact("conference/rooms/7002").contains("\"pinSet\":true"));
            ConsoleDriver.await("both rooms listed", () -> console.ui(() -> rooms.getItemCount() == 2 ? rooms : null));
            console.select(rooms, 0);
            ConsoleDriver.await("the roster again", () -> console.ui(() -> roster.getItemCount() == 2 ? roster : null));
            console.tour("conferences");
            alice.command("hangup", "");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
