package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.prefs.Preferences;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.ui.internal.CallRecordEditor;
import io.switchboard.cdr.ui.internal.LadderDiagram;
import io.switchboard.mgmt.client.CdrClient;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * The softphone in the real console against a real server and a real phone (baresip, answering
 * by itself): the admin sets up the account (the server's SIP port offered), the phone registers,
 * dials bob, sees the call's statistics move and hears bob's tone on the level meter, sends a
 * digit, hangs up; bob then calls the console, which shows the incoming call and answers it.
 * Bob's recording holds the console's test tone; the password is in secure storage only. Then the
 * admin writes to bob (delivered) and to carol (offline: kept), and bob's answer shows.
 */
class SoftphoneUiTest {

    private static final String PART = "io.switchboard.phone.ui.part.softphone";
    private static final String PASSWORD = "softphone-ui-test";
    private static final String PHONE_PASSWORD = "console-phone-pw-1";
    private static final String BOB_PASSWORD = "bob-password-22";
    private static final int BOB_HZ = 600;
    private static final int CONSOLE_HZ = 1004;

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private SipClient sip;

    @TempDir
    Path base;

    @BeforeEach
    void start() throws Exception {
        // bob's calls are recorded: the record of the console's call to him has its recording
        server = TestServer.start(PASSWORD, Map.of("io.switchboard.sip.cfg", "recordCalls = user:bob\n"));
        sip = new SipClient(new ManagementClient(server.url(), "admin", PASSWORD));
        sip.saveUser(new SipUser("console", "Admin Console", true, null, null), PHONE_PASSWORD);
        sip.saveUser(new SipUser("bob", "Bob", true, null, null), BOB_PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminCallsAPhoneAndTakesItsCallFromTheConsole(TestInfo test) throws Exception {
        Path tone = Tones.write(base.resolve("bob.wav"), BOB_HZ, 60);
        // bob's baresip writes to its current contact (the contact module): the console
        Files.createDirectories(base.resolve("bob"));
        Files.writeString(base.resolve("bob/contacts"), "\"Console\" <sip:console@127.0.0.1:" + server.sipPort + ">\n");
        try (Baresip bob = new Baresip(base.resolve("bob"), "<sip:bob@127.0.0.1:" + server.sipPort + ">;auth_pass="
                + BOB_PASSWORD, tone, List.of("module_app contact.so"))) {
            ConsoleDriver.await("bob registers", () -> ConsoleDriver.answer(() -> sip.registrations().stream()
                    .anyMatch(r -> r.username().equals("bob")) ? Boolean.TRUE : null));
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart(PART);
            console.maximize(PART, true);
            console.awaitText(window, "phone.account", t -> t.contains("No softphone account on switch"));
            setUpAccount();
            console.awaitText(window, "phone.account", t -> t.equals("console@127.0.0.1 on switch: Registered"));

            callBob(window, bob);
            openTheCallsStory(window);
            takeBobsCall(window, bob);
            callBackFromARecord(window);
            writeAndRead(window, bob);
            joinARoom(window, bob);
            assertSecretsKept();
            unregister(window);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        } finally {
            console.maximize(PART, false);
        }
    }

    private void setUpAccount() throws Exception {
        Shell window = console.window();
        console.click(window, "phone.setup");
        Shell dialog = console.shell("Softphone Account");
        Text port = console.find(dialog, "phone.account.port", Text.class);
        assertEquals(Integer.toString(server.sipPort), console.ui(port::getText), "the server's SIP port is offered");
        assertEquals("UDP", console.ui(() -> ConsoleDriver.byId(dialog, "phone.account.transport", Combo.class)
                .getText()));
        console.ui(() -> {
            ConsoleDriver.byId(dialog, "phone.account.user", Text.class).setText("console");
            ConsoleDriver.byId(dialog, "phone.account.password", Text.class).setText(PHONE_PASSWORD);
            ConsoleDriver.byId(dialog, "phone.account.displayName", Text.class).setText("Admin Console");
            return null;
        });
        console.tour("softphone-account", dialog);
        console.click(console.ui(() -> ConsoleDriver.button(dialog, "OK")));
    }

    private void callBob(Shell window, Baresip bob) throws Exception {
        Combo number = console.find(window, "phone.number", Combo.class);
        console.ui(() -> {
            number.setText("bob");
            return null;
        });
        console.click(window, "phone.call");
        Table calls = console.find(window, "phone.calls", Table.class);
        ConsoleDriver.await("bob answers", () -> console.ui(() -> calls.getItemCount() > 0
                && "Connected".equals(calls.getItem(0).getText(3)) ? Boolean.TRUE : null));
        assertEquals("bob", console.ui(() -> calls.getItem(0).getText(1)));
        Table stats = console.find(window, "phone.stats", Table.class);
        long first = received(stats);
        ConsoleDriver.await("the statistics move", () -> received(stats) > first + 50 ? Boolean.TRUE : null);
        String level = ConsoleDriver.await("bob's tone on the level meter", () -> console.ui(() -> {
            String l = stats.getItem(9).getText(1);
            return l.endsWith("dBFS") && Double.parseDouble(l.replace(" dBFS", "")) > -30 ? l : null;
        }));
        assertEquals("PCMU", console.ui(() -> stats.getItem(0).getText(1)), "baresip has G.711 only");
        String mos = ConsoleDriver.await("a MOS", () -> console.ui(() -> stats.getItem(8).getText(1).matches("4\\.\\d\\d")
                ? stats.getItem(8).getText(1) : null));
        assertTrue(Double.parseDouble(mos) > 4.0, "a clean loopback call: " + mos + ", level " + level);
        console.click(window, "phone.key.5");
        console.awaitText(window, "phone.status", t -> t.equals("Sent 5 as DTMF"));
        ConsoleDriver.await("talk time", () -> console.ui(() -> calls.getItem(0).getText(5).matches("0:0[2-9]")
                ? Boolean.TRUE : null));
        console.tour("softphone");
        console.click(window, "phone.hangup");
        ConsoleDriver.await("the call ends", () -> console.ui(() -> "Ended".equals(calls.getItem(0).getText(3))
                ? Boolean.TRUE : null));
        Path heard = ConsoleDriver.await("bob's recording", () -> ConsoleDriver.answer(() -> {
            try {
                return bob.lastHeard();
            } catch (IOException e) {
                return null;
            }
        }));
        double consoleTone = Tones.power(heard, CONSOLE_HZ);
        assertTrue(consoleTone > 1e9 && consoleTone > 100 * Tones.power(heard, BOB_HZ),
                "bob hears the console's test tone: " + consoleTone + " against " + Tones.power(heard, BOB_HZ));
    }

    private void takeBobsCall(Shell window, Baresip bob) throws Exception {
        bob.command("dial", "sip:console@127.0.0.1:" + server.sipPort);
        console.awaitText(window, "phone.incoming.text", t -> t.startsWith("Incoming call from") && t.contains("bob"));
        console.tour("softphone-incoming");
        console.click(window, "phone.incoming.answer");
        Table calls = console.find(window, "phone.calls", Table.class);
        ConsoleDriver.await("the console answers", () -> console.ui(() -> "Connected".equals(calls.getItem(0)
                .getText(3)) && "↙".equals(calls.getItem(0).getText(0)) ? Boolean.TRUE : null));
        Table stats = console.find(window, "phone.stats", Table.class);
        long first = received(stats);
        ConsoleDriver.await("audio from bob", () -> received(stats) > first + 50 ? Boolean.TRUE : null);
        bob.command("hangup", "");
        ConsoleDriver.await("bob hangs up", () -> console.ui(() -> "Ended".equals(calls.getItem(0).getText(3))
                ? Boolean.TRUE : null));
        assertEquals(2, (int) console.ui(calls::getItemCount), "both calls are in the history");
    }

    /**
     * The softphone's conversations: a message to bob's phone is delivered, one to carol (offline)
     * kept for her, and bob's answer shows in his conversation.
     */
    /** The softphone calls conference room 7001, where bob is: it shows who is in the room. */
    private void joinARoom(Shell window, Baresip bob) throws Exception {
        AdminApi api = new AdminApi(server, PASSWORD);
        api.put("conference/rooms/7001", "{\"name\":\"Standup\",\"tones\":false}");
        bob.command("dial", "sip:7001@127.0.0.1:" + server.sipPort);
        ConsoleDriver.await("bob in the room", () -> api.compact("conference/rooms/7001/participants")
                .contains("\"caller\":\"bob\""));
        console.showPart(PART);
        console.maximize(PART, true);
        Combo number = console.find(window, "phone.number", Combo.class);
        console.ui(() -> {
            number.setText("7001");
            return null;
        });
        console.click(window, "phone.call");
        Table roster = console.find(window, "phone.roster", Table.class);
        ConsoleDriver.await("the room's roster in the softphone", () -> console.ui(() -> roster.getItemCount() == 2
                && roster.getColumn(0).getText().equals("In room 7001 (2)") && roster.getItem(1).getText(0)
                        .equals("Admin Console (console)") ? Boolean.TRUE : null));
        assertTrue(console.ui(() -> roster.getItem(0).getText(0)).startsWith("Bob") || console.ui(() -> roster
                .getItem(0).getText(0)).equals("bob"), "bob is in the room");
        console.tour("softphone-conference");
        console.click(window, "phone.hangup");
        ConsoleDriver.await("the roster gone with the call", () -> console.ui(() -> roster.getItemCount() == 0
                ? Boolean.TRUE : null));
        bob.command("hangup", "");
        console.maximize(PART, false);
    }

    private void writeAndRead(Shell window, Baresip bob) throws Exception {
        console.showPart(PART);
        console.maximize(PART, true);
        sip.saveUser(new SipUser("carol", "Carol", true, null, null), "carol-password-3");
        write(window, "bob", "Are you at your desk?");
        Table chat = console.find(window, "phone.chat.messages", Table.class);
        ConsoleDriver.await("bob's phone takes it", () -> console.ui(() -> chat.getItemCount() == 1
                && "Delivered".equals(chat.getItem(0).getText(3)) ? Boolean.TRUE : null));
        write(window, "carol", "Call me when you are back");
        ConsoleDriver.await("kept for carol", () -> console.ui(() -> chat.getItemCount() == 1
                && "Kept until carol is online".equals(chat.getItem(0).getText(3)) ? Boolean.TRUE : null));
        Combo peer = console.find(window, "phone.chat.peer", Combo.class);
        console.ui(() -> {
            peer.setText("bob");
            return null;
        });
        bob.command("message", "Yes, come over");
        console.awaitText(window, "phone.status", t -> t.equals("Message from bob"));
        ConsoleDriver.await("bob's answer in his conversation", () -> console.ui(() -> chat.getItemCount() == 2
                && "bob".equals(chat.getItem(1).getText(1)) && "Yes, come over".equals(chat.getItem(1).getText(2))
                        ? Boolean.TRUE : null));
        assertEquals("me", console.ui(() -> chat.getItem(0).getText(1)));
        console.tour("softphone-messages");
    }

    private void write(Shell window, String to, String message) throws Exception {
        Combo peer = console.find(window, "phone.chat.peer", Combo.class);
        Text text = console.find(window, "phone.chat.text", Text.class);
        console.ui(() -> {
            peer.setText(to);
            text.setText(message);
            return null;
        });
        console.click(window, "phone.chat.send");
    }

    /**
     * The record of the console's call to bob opens in an editor: the ladder drawn from the caller's
     * lifeline through the switch to bob's, each message's text, exports as text and as a capture
     * tcpdump reads, both sides' quality, and the recording with the console's tone on the left and
     * bob's on the right; Play plays, or says the machine has no sound output.
     */
    private void openTheCallsStory(Shell window) throws Exception {
        console.maximize(PART, false);
        console.showPart("io.switchboard.cdr.ui.part.search");
        TableItem row = console.awaitRecord(window, "callee:bob");
        CallRecord record = console.ui(() -> (CallRecord) row.getData());
        CdrClient cdr = new CdrClient(new ManagementClient(server.url(), "admin", PASSWORD));
        ConsoleDriver.await("the ladder, stored a moment after the call", () -> ConsoleDriver.answer(
                () -> cdr.ladder(record.id()).isPresent() ? Boolean.TRUE : null));
        console.select(console.find(window, "cdr.results", Table.class), 0);
        console.click(window, "cdr.open");
        String partId = "io.switchboard.cdr.ui.record:" + ConsoleDriver.selectedServer().id().orElseThrow() + ":"
                + record.id();
        CallRecordEditor editor = ConsoleDriver.await("the record's editor", () -> console.ui(
                () -> ConsoleDriver.partService().findPart(partId) != null
                        && console.partObject(partId) instanceof CallRecordEditor e ? e : null));
        assertEquals(List.of("Record", "SIP Ladder", "Quality", "Recording"), console.ui(editor::tabTitles));
        console.maximize(partId, true);
        console.ui(() -> {
            editor.showTab("SIP Ladder");
            return null;
        });
        String summary = console.awaitText(window, "ladder.summary", t -> t.matches("\\d+ SIP messages.*"));
        LadderDiagram diagram = console.ui(() -> editor.ladder().diagram());
        List<LadderDiagram.Lane> lanes = console.ui(diagram::lanes);
        List<LadderDiagram.Arrow> arrows = console.ui(diagram::arrows);
        assertEquals(List.of("Caller", "Switchboard", "Leg B"), lanes.stream().map(LadderDiagram.Lane::title).toList(),
                summary);
        assertEquals(new LadderDiagram.Arrow(0, 1, "INVITE bob", "+0.000 s"), arrows.get(0), "the console's INVITE");
        assertTrue(arrows.stream().anyMatch(a -> a.from() == 1 && a.to() == 2 && a.label().startsWith("INVITE ")),
                "the switch calls bob: " + arrows);
        assertTrue(arrows.stream().anyMatch(a -> a.from() == 2 && a.to() == 1 && a.label().equals("200 OK")),
                "bob answers: " + arrows);
        assertTrue(arrows.stream().anyMatch(a -> a.from() == 0 && a.to() == 1 && a.label().startsWith("BYE")),
                "the console hangs up: " + arrows);
        String first = console.awaitText(window, "ladder.message", t -> t.startsWith("Received from"));
        assertTrue(first.contains("Call-ID: " + record.callIds().get(0)), first);
        console.tour("call-record-ladder");

        Path text = base.resolve("ladder.txt");
        Path capture = base.resolve("ladder.pcap");
        console.ui(() -> {
            editor.ladder().exportTo(text, false);
            return null;
        });
        assertEquals(arrows.size(), Files.readString(text).split("\n=== |^=== ").length - 1, "a section a message");
        console.ui(() -> {
            editor.ladder().exportTo(capture, true);
            return null;
        });
        console.awaitText(window, "ladder.summary", t -> t.startsWith("Written to " + capture));
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-r", capture.toString()).redirectErrorStream(true)
                .start();
        String read = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tcpdump.waitFor(), read);
        assertEquals(arrows.size(), read.lines().filter(l -> l.contains(" IP ")).count(), read);

        Table quality = console.find(window, "record.quality", Table.class);
        for (int side = 1; side <= 2; side++) {
            int column = side;
            String mos = ConsoleDriver.await("a MOS for each side", () -> console.ui(() -> quality.getItemCount() > 1
                    && !quality.getItem(1).getText(column).isEmpty() ? quality.getItem(1).getText(column) : null));
            assertTrue(Double.parseDouble(mos) > 3.5, "a clean loopback call through the relay: " + mos);
        }

        console.ui(() -> {
            editor.showTab("Recording");
            return null;
        });
        String levels = console.awaitText(window, "recording.levels", t -> t.contains("Callee (right)"));
        Path wav = base.resolve("recording.wav");
        console.ui(() -> {
            editor.recording().saveTo(wav);
            return null;
        });
        assertTrue(Tones.power(wav, CONSOLE_HZ, 0) > 100 * Tones.power(wav, BOB_HZ, 0),
                "the caller's channel holds the console's tone: " + levels);
        assertTrue(Tones.power(wav, BOB_HZ, 1) > 100 * Tones.power(wav, CONSOLE_HZ, 1),
                "the callee's channel holds bob's tone: " + levels);
        String total = console.awaitText(window, "recording.position", t -> t.startsWith("0:00 / "));
        console.ui(() -> {
            editor.recording().seek(0.5);
            return null;
        });
        String half = console.awaitText(window, "recording.position", t -> !t.startsWith("0:00 / "));
        assertEquals(total.substring(total.indexOf('/')), half.substring(half.indexOf('/')), half);
        console.click(window, "recording.play");
        ConsoleDriver.await("it plays, or says why it cannot", () -> console.ui(() -> {
            String status = editor.recording().status();
            return status.startsWith("This machine has no sound output")
                    || editor.recording().seconds() > Double.parseDouble(half.replaceAll(":.*", "")) * 60
                            + Double.parseDouble(half.replaceAll("^\\d+:(\\d+).*", "$1")) + 0.5 ? status : null;
        }));
        console.tour("call-record-recording");
        console.maximize(partId, false);
        console.ui(() -> {
            ConsoleDriver.partService().hidePart(ConsoleDriver.partService().findPart(partId));
            return null;
        });
    }

    /** The record of bob's call has "Call Back": the softphone comes to the front and calls bob. */
    private void callBackFromARecord(Shell window) throws Exception {
        console.maximize(PART, false);
        console.showPart("io.switchboard.cdr.ui.part.search");
        console.awaitRecord(window, "caller:bob");
        Table results = console.find(window, "cdr.results", Table.class);
        console.select(results, 0);
        console.click(window, "cdr.callBack");
        Table calls = console.find(window, "phone.calls", Table.class);
        ConsoleDriver.await("bob answers the call back", () -> console.ui(() -> calls.getItemCount() == 3
                && "Connected".equals(calls.getItem(0).getText(3)) && "bob".equals(calls.getItem(0).getText(1))
                        ? Boolean.TRUE : null));
        console.click(window, "phone.hangup");
        ConsoleDriver.await("the call back ends", () -> console.ui(() -> "Ended".equals(calls.getItem(0).getText(3))
                ? Boolean.TRUE : null));
    }

    /**
     * Unregister, which the console's quit does too, removes the phone's binding on the server: before,
     * the challenged REGISTER was left behind as the phone's stack stopped, and the binding stayed.
     */
    private void unregister(Shell window) throws Exception {
        console.showPart(PART);
        console.click(window, "phone.register");
        console.awaitText(window, "phone.status", t -> t.startsWith("Unregistered"));
        ConsoleDriver.await("the server forgets the console's phone", () -> ConsoleDriver.answer(() -> sip
                .registrations().stream().noneMatch(r -> r.username().equals("console")) ? Boolean.TRUE : null));
    }

    /** The password is in the console's secure storage, encrypted, and not in its plain preferences. */
    private void assertSecretsKept() throws Exception {
        assertEquals(PHONE_PASSWORD, console.ui(() -> {
            try {
                return ConsoleDriver.selectedServer().secret("phone.password").orElse(null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        Preferences account = InstanceScope.INSTANCE.getNode("io.switchboard.phone.ui");
        List<String> values = new ArrayList<>();
        collect(account, values);
        assertTrue(values.contains("console"), "the account's user is kept: " + values);
        assertFalse(values.contains(PHONE_PASSWORD), "the preferences hold the SIP password: " + values);
        Path storage = Path.of(System.getProperty("user.home"), ".switchboard", "console-secure-storage");
        assertTrue(Files.readString(storage).contains("phone.password"), "the secret is in " + storage);
        assertFalse(Files.readString(storage).contains(PHONE_PASSWORD), storage + " holds the password unencrypted");
    }

    private static void collect(Preferences node, List<String> values) throws Exception {
        for (String key : node.keys()) {
            values.add(node.get(key, null));
        }
        for (String child : node.childrenNames()) {
            collect(node.node(child), values);
        }
    }

    private long received(Table stats) {
        return console.ui(() -> {
            String text = stats.getItem(2).getText(1);
            return text.isEmpty() ? 0L : Long.parseLong(text);
        });
    }
}
