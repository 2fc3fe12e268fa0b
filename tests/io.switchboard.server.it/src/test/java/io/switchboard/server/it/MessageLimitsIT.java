package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Text messages to outside numbers count against the sender's per-minute limit, as calls do (issue
 * 61): a phone sends 25 messages to a premium-looking number in a burst; the first five (alice's
 * callsPerMinute) reach the carrier, the others get 403 naming the limit with Retry-After, nothing
 * more reaches the carrier, and the history keeps each refusal. A message to a colleague is no
 * outside message and still goes.
 */
class MessageLimitsIT {

    private static final String[] ADMIN = { "admin", "message-limits-it-secret" };
    private static final String PASSWORD = "sender-password-1";
    private static final int BURST = 25;
    private static final int LIMIT = 5;

    @TempDir
    Path base;

    @Test
    void aBurstToAnOutsideNumberIsHeldToTheSendersLimit() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                Carrier carrier = new Carrier(); RawSip phone = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + PASSWORD + "\",\"callsPerMinute\":"
                    + LIMIT + "}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + PASSWORD + "\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/trunks/sms", "{\"host\":\"127.0.0.1\",\"port\":" + carrier.port
                    + ",\"addresses\":[\"127.0.0.1:" + carrier.port + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"sms\"]}", ADMIN)
                    .statusCode());

            List<RawSip.Reply> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                RawSip.Reply r = TextMessages.send(phone, server.sipPort, "alice", "2125550199", "Your code: " + i,
                        "alice", PASSWORD);
                assertNotNull(r, "message " + i + " unanswered");
                answers.add(r);
            }
            List<Integer> statuses = answers.stream().map(RawSip.Reply::status).toList();
            assertEquals(LIMIT, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(BURST - LIMIT, statuses.stream().filter(s -> s == 403).count(), statuses.toString());
            RawSip.Reply refused = answers.get(BURST - 1);
            assertTrue(refused.text().contains("Message limit: alice sent 5 messages through trunks in the last "
                    + "minute (callsPerMinute 5)"), refused.text());
            String retry = refused.header("Retry-After");
            assertTrue(retry != null && Integer.parseInt(retry) > 0 && Integer.parseInt(retry) <= 60, refused.text());
            assertEquals(LIMIT, carrier.received.size(), "only the allowed ones reach the carrier: "
                    + carrier.received);

            RawSip.Reply colleague = TextMessages.send(phone, server.sipPort, "alice", "bob", "Lunch?", "alice",
                    PASSWORD);
            assertEquals(202, colleague.status(), "inside the switch, no limit: " + colleague.text());

            PhoneChecks.await("the burst in the history", () -> history(server).size() == BURST + 1, () -> "");
            int failed = 0;
            for (JsonNode m : history(server)) {
                if (m.path("state").asText().equals("failed")) {
                    failed++;
                    assertTrue(m.path("reason").asText().startsWith("Message limit: alice"), m.toString());
                    assertEquals("+12125550199", m.path("to").asText(), m.toString());
                }
            }
            assertEquals(BURST - LIMIT, failed, history(server).toString());
            assertEquals(LIMIT, carrier.received.size(), "nothing more reached the carrier");
        }
    }

    private static JsonNode history(ServerProcess server) {
        try {
            return server.getJson("/messages?user=alice&limit=100", ADMIN);
        } catch (Exception e) {
            return JsonNodeFactory.instance.arrayNode();
        }
    }

    /** A carrier that takes every MESSAGE with 200 and counts them by Call-ID. */
    private static final class Carrier implements AutoCloseable {

        private static final Pattern CALL_ID = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)");
        final Set<String> received = ConcurrentHashMap.newKeySet();
        private final DatagramSocket socket;
        final int port;

        Carrier() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
            Thread t = new Thread(this::serve, "carrier");
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            byte[] buffer = new byte[65536];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                    String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    if (!text.startsWith("MESSAGE ")) {
                        continue;
                    }
                    Matcher m = CALL_ID.matcher(text);
                    if (m.find()) {
                        received.add(m.group(1));
                    }
                    StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
                    for (String line : text.split("\r\n")) {
                        String lower = line.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                                || lower.startsWith("cseq:")) {
                            ok.append(line).append("\r\n");
                        } else if (lower.startsWith("to:")) {
                            ok.append(line).append(";tag=carrier\r\n");
                        }
                    }
                    byte[] bytes = ok.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // a lost answer: the switch sends the MESSAGE again
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
