package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Voicemail in the real console against a real server: alice's baresip (her phone says "Alice")
 * calls bob, whose phone is off, and leaves a message; the Voicemail view shows it for bob, sets where his messages are
 * mailed, and marks it heard. The run draws the view for the console tour.
 */
class VoicemailUiTest {

    private static final String PASSWORD = "voicemail-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private ManagementClient api;

    @TempDir
    Path base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of("io.switchboard.voicemail.cfg", "minSeconds = 1\n"));
        api = new ManagementClient(server.url(), "admin", PASSWORD);
        put("sip/users/alice", "{\"password\":\"alice-password-1\",\"displayName\":\"Alice\"}");
        put("sip/users/bob", "{\"password\":\"bob-password-22\",\"displayName\":\"Bob\"}");
        put("voicemail/mailboxes/bob", "{\"enabled\":true}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminSeesBobsMessageAndSetsHisMail(TestInfo test) throws Exception {
        try (Baresip alice = new Baresip(base.resolve("alice"), "\"Alice\" <sip:alice@127.0.0.1:" + server.sipPort
                + ">;auth_pass=alice-password-1", Tones.write(base.resolve("tone.wav"), 440, 30), List.of())) {
            ConsoleDriver.await("alice registered", () -> registered("alice"));
            alice.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
            Thread.sleep(11_000); // the greeting and the beep, then 4 s of her tone
            alice.command("hangup", "");
        }
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.voicemail.ui.part.voicemail");
            console.type(window, "voicemail.user", "bob");
            console.click(window, "voicemail.show");
            Table messages = console.find(window, "voicemail.table", Table.class);
            ConsoleDriver.await("bob's message", () -> console.ui(() -> messages.getItemCount() == 1 ? messages : null));
            String row = console.ui(() -> String.join("|", IntStream.range(0, 5)
                    .mapToObj(i -> messages.getItem(0).getText(i)).toList()));
            assertTrue(row.contains("|Alice (alice)|0:0") && row.endsWith("|new|none"), "her name from her phone: " + row);
            console.awaitText(window, "voicemail.counts", t -> t.equals("bob: 1 new, 0 heard"));

            console.type(window, "voicemail.email", "bob@example.net");
            console.click(window, "voicemail.unsolicited");
            console.click(window, "voicemail.save");
            ConsoleDriver.await("the address kept", () -> mail().contains("\"email\":\"bob@example.net\""));
            assertTrue(mail().contains("\"unsolicited\":true"), "his phones told without subscribing: " + mail());
            console.ui(() -> {
                messages.setSelection(0);
                messages.notifyListeners(SWT.Selection, new Event());
                return messages;
            });
            console.click(window, "voicemail.heard");
            console.awaitText(window, "voicemail.counts", t -> t.equals("bob: 0 new, 1 heard"));
            ConsoleDriver.await("heard in the table", () -> console.ui(() -> messages.getItemCount() == 1
                    && messages.getItem(0).getText(3).equals("yes") ? messages : null));
            console.tour("voicemail");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    private boolean registered(String user) {
        try {
            return !api.text("sip/registrations?user=" + user).replaceAll("\\s", "").equals("[]");
        } catch (Exception e) {
            return false;
        }
    }

    private String mail() {
        try {
            return api.text("voicemail/mailboxes/bob").replaceAll("\\s", "");
        } catch (Exception e) {
            return e.toString();
        }
    }

    private void put(String path, String json) throws Exception {
        api.json("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
