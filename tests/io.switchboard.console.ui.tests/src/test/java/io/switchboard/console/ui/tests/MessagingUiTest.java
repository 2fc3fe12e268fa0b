package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
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
 * Text messages and busy lamps in the real console against a real server: a carrier's message for
 * bob, whose phone is off, is kept; the Text Messages view shows it for bob (kept, through the
 * carrier's trunk), and Read… shows what it says; carol's baresip watches bob's presence, and the
 * Busy Lamps view shows her subscription. The run draws both views for the console tour. The search
 * finds the message with a query, nothing with another, and names an unknown field.
 */
class MessagingUiTest {

    private static final String PASSWORD = "messaging-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private ManagementClient api;

    @TempDir
    Path base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
        api = new ManagementClient(server.url(), "admin", PASSWORD);
        put("sip/users/bob", "{\"password\":\"bob-password-22\",\"displayName\":\"Bob\"}");
        put("sip/users/carol", "{\"password\":\"carol-password-3\"}");
        put("sip/numbers/%2B15550100000", "{\"destination\":\"bob\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminReadsAUsersMessagesAndSeesTheLamps(TestInfo test) throws Exception {
        try (DatagramSocket carrier = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            put("sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrier.getLocalPort()
                    + ",\"addresses\":[\"127.0.0.1:" + carrier.getLocalPort() + "\"],\"probe\":false}");
            String answer = message(carrier, "+15550100000", "Your parcel is at the door");
            assertTrue(answer.startsWith("SIP/2.0 202"), "kept while bob's phone is off: " + answer);
        }
        Path contacts = Files.createDirectories(base.resolve("carol"));
        Files.writeString(contacts.resolve("contacts"), "\"Bob\" <sip:bob@127.0.0.1:" + server.sipPort
                + ">;presence=p2p\n");
        try (Baresip carol = new Baresip(contacts, "<sip:carol@127.0.0.1:" + server.sipPort
                + ">;auth_pass=carol-password-3", Tones.write(base.resolve("tone.wav"), 440, 5),
                List.of("module_app contact.so", "module_app presence.so"))) {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));

            console.showPart("io.switchboard.messaging.ui.part.messages");
            console.type(window, "messages.user", "bob");
            console.click(window, "messages.show");
            Table messages = console.find(window, "messages.table", Table.class);
            ConsoleDriver.await("bob's message", () -> console.ui(() -> messages.getItemCount() == 1 ? messages : null));
            String row = console.ui(() -> String.join("|", IntStream.range(0, 8)
                    .mapToObj(i -> messages.getItem(0).getText(i)).toList()));
            assertTrue(row.contains("12125550100") && row.contains("|bob|carrier|stored|"), row);
            // the search, in the call records' language: a query that finds it, then one that finds nothing
            console.type(window, "messages.user", "");
            console.type(window, "messages.query", "trunk:carrier AND state:stored");
            console.click(window, "messages.show");
            ConsoleDriver.await("found by the query", () -> console.ui(() -> messages.getItemCount() == 1
                    && messages.getItem(0).getText(2).equals("bob") ? messages : null));
            console.tour("messages");
            console.type(window, "messages.query", "state:failed");
            console.click(window, "messages.show");
            ConsoleDriver.await("nothing failed", () -> console.ui(() -> messages.getItemCount() == 0 ? messages : null));
            console.type(window, "messages.query", "colour:red");
            console.click(window, "messages.show");
            console.awaitText(window, "messages.status", t -> t.contains("unknown field 'colour'"));
            console.type(window, "messages.query", "");
            console.click(window, "messages.show");
            ConsoleDriver.await("every message again", () -> console.ui(() -> messages.getItemCount() == 1 ? messages
                    : null));
            console.ui(() -> {
                messages.setSelection(0);
                messages.notifyListeners(SWT.Selection, new Event());
                return messages;
            });
            console.click(window, "messages.read");
            Shell read = console.shell("Message from 12125550100 to bob");
            String shown = console.ui(() -> Arrays.stream(read.getChildren()).flatMap(MessagingUiTest::labels)
                    .map(Label::getText).reduce("", (a, b) -> a + b));
            assertTrue(shown.contains("Your parcel is at the door"), shown);
            console.press(read, "OK");

            console.showPart("io.switchboard.messaging.ui.part.lamps");
            Table lamps = console.find(window, "lamps.table", Table.class);
            ConsoleDriver.await("carol's subscription", () -> console.ui(() -> lamps.getItemCount() == 1 ? lamps : null));
            assertEquals("carol|bob|presence", console.ui(() -> lamps.getItem(0).getText(0) + "|"
                    + lamps.getItem(0).getText(1) + "|" + lamps.getItem(0).getText(2)));
            console.tour("busy-lamps");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    private static Stream<Label> labels(Control c) {
        if (c instanceof Label l) {
            return Stream.of(l);
        }
        return c instanceof Composite parent
                ? Arrays.stream(parent.getChildren()).flatMap(MessagingUiTest::labels)
                : Stream.empty();
    }

    private void put(String path, String json) throws Exception {
        api.json("PUT", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A carrier's MESSAGE to one of our numbers; @return the switch's first line of its final answer */
    private String message(DatagramSocket carrier, String number, String text) throws Exception {
        String body = text;
        String msg = "MESSAGE sip:" + number + "@127.0.0.1:" + server.sipPort + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                + carrier.getLocalPort() + ";branch=z9hG4bK-ui1\r\nFrom: <sip:12125550100@127.0.0.1>;tag=c1\r\n"
                + "To: <sip:" + number + "@127.0.0.1>\r\nCall-ID: ui-message-1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                + body;
        byte[] out = msg.getBytes(StandardCharsets.UTF_8);
        carrier.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), server.sipPort));
        carrier.setSoTimeout(5000);
        while (true) {
            DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
            carrier.receive(in);
            String first = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
            if (!first.startsWith("SIP/2.0 1")) {
                return first;
            }
        }
    }
}
