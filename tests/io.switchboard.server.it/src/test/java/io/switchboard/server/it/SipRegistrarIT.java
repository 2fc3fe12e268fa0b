package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The registrar of RFC 3261 section 10.3 with SHA-256 digest (RFC 8760), driven by a small UDP
 * user agent written here because SIPp knows only MD5: challenge order, several contacts with
 * q-values, a retransmission after the 200 (the same 200 again) and a replay (challenged), refresh, 423 with Min-Expires, wrong password, someone
 * else's address, "*" removal and out-of-order CSeq.
 */
class SipRegistrarIT {

    private static final String[] ADMIN = { "admin", "sip-registrar-it-secret" };
    private static final String PASSWORD = "erin-password-7";

    @TempDir
    Path base;

    @Test
    void registrarWithSha256Digest() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                Phone phone = new Phone(server.sipPort)) {
            server.awaitSip(ADMIN);
            // SHA-256 is erin's own setting; the server's default offers MD5 alone (frank, below)
            assertEquals(201, server.put("/sip/users/erin", "{\"password\":\"" + PASSWORD
                    + "\",\"algorithms\":[\"SHA-256\",\"MD5\"]}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/frank", "{\"password\":\"frank-password-8\"}", ADMIN).statusCode());

            Message challenge = phone.register("erin", 1, List.of("<sip:erin@127.0.0.1:5999>"), "600", null);
            assertEquals(401, challenge.status, challenge.text);
            List<String> offers = challenge.all("WWW-Authenticate");
            assertEquals(2, offers.size(), challenge.text);
            assertTrue(offers.get(0).contains("algorithm=SHA-256"), "SHA-256 offered first: " + offers);
            assertTrue(offers.get(1).contains("algorithm=MD5"), offers.toString());
            // challenges are not kept for retransmissions: a retransmitted challenged REGISTER is
            // challenged afresh (a new nonce), and either challenge can be answered
            Message again401 = phone.retransmitLast(1);
            assertEquals(401, again401.status, again401.text);
            assertEquals(2, again401.all("WWW-Authenticate").size(), again401.text);
            assertNotEquals(offers, again401.all("WWW-Authenticate"), "a fresh nonce");

            // two contacts with q-values, SHA-256 answer
            String credentials = auth(offers.get(0), "erin", PASSWORD, "erin");
            List<String> both = List.of("<sip:erin@127.0.0.1:5999>;q=0.9", "<sip:erin@127.0.0.1:6000>;q=0.5");
            Message ok = phone.register("erin", 2, both, "600", credentials);
            assertEquals(200, ok.status, ok.text);

            // REGISTER is served without a transaction, yet a retransmission after a lost 200 gets
            // that same 200 again, as from a transaction (same To tag), not a second apply
            Message again = phone.retransmitLast(2);
            assertEquals(200, again.status, again.text);
            assertEquals(ok.first("To"), again.first("To"), again.text);
            assertEquals(ok.all("Contact"), again.all("Contact"), again.text);
            // the same credentials in a new request (new branch: a replay, not a retransmission)
            // carry a nonce count already used: challenged afresh, nothing applied
            Message replay = phone.register("erin", 2, both, "600", credentials);
            assertEquals(401, replay.status, replay.text);
            assertTrue(replay.all("WWW-Authenticate").get(0).toLowerCase(Locale.ROOT).contains("stale=true"),
                    replay.text);
            assertEquals(2, ok.all("Contact").size(), ok.text);
            assertTrue(ok.all("Contact").get(0).contains("expires=6"), ok.text);
            JsonNode bindings = server.getJson("/sip/registrations?user=erin", ADMIN);
            assertEquals(2, bindings.size(), bindings.toString());
            assertEquals("sip:erin@127.0.0.1:5999", bindings.get(0).path("contact").asText(), "best q first");
            assertEquals(0.9, bindings.get(0).path("q").asDouble(), 0.001);

            // refresh one contact: still two bindings
            Message refresh = phone.register("erin", 3, List.of("<sip:erin@127.0.0.1:6000>"), "300",
                    auth(phone.challenge("erin", 3).all("WWW-Authenticate").get(0), "erin", PASSWORD, "erin"));
            assertEquals(200, refresh.status, refresh.text);
            // the answer lists both: the refreshed contact of this request and the other one, stored
            assertEquals(2, refresh.all("Contact").size(), refresh.text);
            String listed = String.join(" ", refresh.all("Contact"));
            assertTrue(listed.contains("<sip:erin@127.0.0.1:6000>;expires=")
                    && listed.contains("<sip:erin@127.0.0.1:5999>"), refresh.text);
            assertTrue(refresh.first("Date").endsWith(" GMT"), "a registrar's 200 carries Date: " + refresh.text);

            // too brief: 423 and the minimum
            Message brief = phone.register("erin", 4, List.of("<sip:erin@127.0.0.1:5999>"), "10",
                    auth(phone.challenge("erin", 4).all("WWW-Authenticate").get(0), "erin", PASSWORD, "erin"));
            assertEquals(423, brief.status, brief.text);
            assertEquals("60", brief.first("Min-Expires"));

            // wrong password, and someone else's address of record
            Message wrong = phone.register("erin", 5, List.of("<sip:erin@127.0.0.1:5999>"), "600",
                    auth(phone.challenge("erin", 5).all("WWW-Authenticate").get(0), "erin", "not-the-password", "erin"));
            assertEquals(403, wrong.status, wrong.text);
            List<String> frankOffers = phone.challenge("frank", 6).all("WWW-Authenticate");
            assertEquals(1, frankOffers.size(), "the server's default: " + frankOffers);
            assertTrue(frankOffers.get(0).contains("algorithm=MD5"), frankOffers.toString());
            Message other = phone.register("frank", 6, List.of("<sip:erin@127.0.0.1:5999>"), "600",
                    auth(phone.challenge("frank", 6).all("WWW-Authenticate").get(0), "erin", PASSWORD, "frank"));
            assertEquals(403, other.status, other.text);

            // a retransmission-late REGISTER of the same Call-ID must not undo a newer one
            Message stale = phone.register("erin", 2, List.of("<sip:erin@127.0.0.1:5999>"), "0",
                    auth(phone.challenge("erin", 2).all("WWW-Authenticate").get(0), "erin", PASSWORD, "erin"));
            assertEquals(500, stale.status, stale.text);

            // "*" needs Expires: 0, then removes every binding
            Message badStar = phone.register("erin", 7, List.of("*"), "60",
                    auth(phone.challenge("erin", 7).all("WWW-Authenticate").get(0), "erin", PASSWORD, "erin"));
            assertEquals(400, badStar.status, badStar.text);
            Message star = phone.register("erin", 8, List.of("*"), "0",
                    auth(phone.challenge("erin", 8).all("WWW-Authenticate").get(0), "erin", PASSWORD, "erin"));
            assertEquals(200, star.status, star.text);
            assertEquals(0, star.all("Contact").size(), star.text);
            assertEquals(0, server.getJson("/sip/registrations?user=erin", ADMIN).size());

            String log = server.output();
            assertTrue(!log.contains(PASSWORD) && !log.contains("not-the-password"), "no password in the log");
            assertEquals(0, server.terminate());
        }
    }

    /** The Authorization header answering a challenge with qop=auth. */
    private static String auth(String challenge, String user, String password, String toUser) throws Exception {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String algorithm = param(challenge, "algorithm");
        String uri = "sip:127.0.0.1";
        String cnonce = "c" + System.nanoTime();
        String nc = "00000001";
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, "REGISTER:" + uri);
        String response = hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm + ", qop=auth, nc=" + nc + ", cnonce=\""
                + cnonce + "\"";
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(header);
        if (!m.find()) {
            throw new AssertionError("No " + name + " in " + header);
        }
        return m.group(1);
    }

    private static String hash(String algorithm, String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A SIP response, headers by lower-case name. */
    record Message(int status, Map<String, List<String>> headers, String text) {
        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String first(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }
    }

    /** A minimal UDP phone: one Call-ID for all its REGISTERs, as RFC 3261 10.2 asks. */
    private static final class Phone implements AutoCloseable {
        private final DatagramSocket socket;
        private final int serverPort;
        private final String callId = "reg-" + System.nanoTime() + "@127.0.0.1";

        Phone(int serverPort) throws Exception {
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            this.socket.setSoTimeout(5000);
            this.serverPort = serverPort;
        }

        Message challenge(String user, int cseq) throws Exception {
            Message m = register(user, cseq, List.of("<sip:" + user + "@127.0.0.1:5999>"), "600", null);
            assertEquals(401, m.status, m.text);
            return m;
        }

        private byte[] last;

        /** Sends the last REGISTER again, byte for byte, when a phone would: T1 (500 ms) after it. */
        Message retransmitLast(int cseq) throws Exception {
            Thread.sleep(500);
            return sendAndAwait(last, cseq);
        }

        Message register(String user, int cseq, List<String> contacts, String expires, String authorization)
                throws Exception {
            StringBuilder sb = new StringBuilder();
            sb.append("REGISTER sip:127.0.0.1 SIP/2.0\r\n");
            sb.append("Via: SIP/2.0/UDP 127.0.0.1:").append(socket.getLocalPort()).append(";branch=z9hG4bK")
                    .append(System.nanoTime()).append(";rport\r\n");
            sb.append("Max-Forwards: 70\r\n");
            sb.append("From: <sip:").append(user).append("@127.0.0.1>;tag=t").append(callId.hashCode()).append("\r\n");
            sb.append("To: <sip:").append(user).append("@127.0.0.1>\r\n");
            sb.append("Call-ID: ").append(callId).append("\r\n");
            sb.append("CSeq: ").append(cseq).append(" REGISTER\r\n");
            for (String c : contacts) {
                sb.append("Contact: ").append(c).append("\r\n");
            }
            sb.append("Expires: ").append(expires).append("\r\n");
            if (authorization != null) {
                sb.append("Authorization: ").append(authorization).append("\r\n");
            }
            sb.append("Content-Length: 0\r\n\r\n");
            last = sb.toString().getBytes(StandardCharsets.UTF_8);
            return sendAndAwait(last, cseq);
        }

        private Message sendAndAwait(byte[] b, int cseq) throws Exception {
            socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), serverPort));
            while (true) {
                byte[] buf = new byte[65536];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("No answer to REGISTER CSeq " + cseq, e);
                }
                Message m = parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                if (m.status >= 200 && m.first("CSeq").startsWith(cseq + " ")) {
                    return m;
                }
            }
        }

        private static Message parse(String text) {
            String[] lines = text.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                name = switch (name) {
                    case "m" -> "contact";
                    case "i" -> "call-id";
                    default -> name;
                };
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            // jain-sip may fold several contacts into one header line
            List<String> contacts = headers.get("contact");
            if (contacts != null) {
                List<String> split = new ArrayList<>();
                contacts.forEach(c -> split.addAll(List.of(c.split(",(?=\\s*<)"))));
                headers.put("contact", split);
            }
            return new Message(status, headers, text);
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
