package io.switchboard.sip.core.internal.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.sip.core.internal.SwitchDatabase;
import io.switchboard.sip.ladder.HepExporter;
import io.switchboard.sip.ladder.LadderStore;
import io.switchboard.sip.ladder.Ladders;

/** Ladders kept per call across both legs, bounded, stored compressed in H2 and removed by retention. */
class LaddersTest {

    @TempDir
    Path dir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void bothLegsInOrderWithDirectionLegAndPeerThenStoredAndRemovedByRetention() throws Exception {
        DataSource db = h2();
        LadderStore store = new LadderStore(db).start();
        Ladders ladders = new Ladders(store, timer, 200, 256 * 1024, null, null);
        Request invite = request("INVITE", "a-leg@192.0.2.1", "sip:bob@192.0.2.9:5060");
        ladders.open("a-leg@192.0.2.1", invite, "192.0.2.1:5070");
        ladders.leg("a-leg@192.0.2.1", "b-leg@switch");
        Request bInvite = request("INVITE", "b-leg@switch", "sip:bob@192.0.2.9:5062");
        ladders.sent(bInvite);
        ladders.received(response(bInvite, 180));
        ladders.sent(response(invite, 180));
        ladders.received(request("OPTIONS", "unrelated@192.0.2.5", "sip:x@192.0.2.9")); // no call: not kept
        assertEquals(1, ladders.kept());
        ladders.close("a-leg@192.0.2.1");
        Map<?, ?> ladder = awaitLadder(store, "a-leg@192.0.2.1");

        List<?> messages = (List<?>) ladder.get("messages");
        assertEquals(4, messages.size(), "INVITE in, INVITE out, 180 in, 180 out; the unrelated OPTIONS not");
        assertEquals(List.of("A in INVITE sip:bob@192.0.2.9:5060 SIP/2.0", "B out INVITE sip:bob@192.0.2.9:5062 SIP/2.0",
                "B in SIP/2.0 180 Ringing", "A out SIP/2.0 180 Ringing"),
                messages.stream().map(m -> (Map<?, ?>) m)
                        .map(m -> m.get("leg") + " " + m.get("direction") + " " + m.get("firstLine")).toList());
        assertEquals("192.0.2.1:5070", ((Map<?, ?>) messages.get(0)).get("peer"), "the packet's source");
        assertEquals("192.0.2.9:5062", ((Map<?, ?>) messages.get(1)).get("peer"), "where the request goes");
        assertTrue(((String) ((Map<?, ?>) messages.get(0)).get("message")).contains("Call-ID: a-leg@192.0.2.1"));
        assertEquals(0, ladders.kept(), "forgotten once stored");

        assertEquals(0, store.removeBefore(Instant.now().minusSeconds(3600)), "younger than the cutoff: kept");
        assertEquals(1, store.removeBefore(Instant.now().plusSeconds(1)));
        assertTrue(store.json("a-leg@192.0.2.1").isEmpty());
        store.close();
    }

    @Test
    void aCallPastTheBoundKeepsItsFirstMessagesAndCountsTheRest() throws Exception {
        LadderStore store = new LadderStore(h2()).start();
        Ladders ladders = new Ladders(store, timer, 5, 256 * 1024, null, null);
        Request invite = request("INVITE", "loop@192.0.2.1", "sip:bob@192.0.2.9");
        ladders.open("loop@192.0.2.1", invite, "192.0.2.1:5060");
        for (int i = 0; i < 50; i++) {
            ladders.received(request("INFO", "loop@192.0.2.1", "sip:bob@192.0.2.9"));
        }
        ladders.close("loop@192.0.2.1");
        Map<?, ?> ladder = awaitLadder(store, "loop@192.0.2.1");
        assertEquals(5, ((List<?>) ladder.get("messages")).size());
        assertEquals(46, ladder.get("dropped"));
        store.close();
    }

    @Test
    void noLaddersWhenSwitchedOff() throws Exception {
        LadderStore store = new LadderStore(h2()).start();
        Ladders ladders = new Ladders(store, timer, 0, 256 * 1024, null, null);
        ladders.open("off@192.0.2.1", request("INVITE", "off@192.0.2.1", "sip:bob@192.0.2.9"), "192.0.2.1:5060");
        assertEquals(0, ladders.kept());
        store.close();
    }

    @Test
    void everySipMessageGoesToTheHomerCollectorAsHepV3() throws Exception {
        try (DatagramChannel collector = DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            collector.socket().setSoTimeout(2000);
            int port = ((InetSocketAddress) collector.getLocalAddress()).getPort();
            HepExporter hep = HepExporter.of("io.switchboard.sip", "127.0.0.1:" + port, 2001);
            LadderStore store = new LadderStore(h2()).start();
            Ladders ladders = new Ladders(store, timer, 0, 256 * 1024, hep,
                    new InetSocketAddress("192.0.2.100", 5060));
            Request register = request("REGISTER", "reg-1@192.0.2.1", "sip:switch");
            ladders.sent(response(register, 401)); // no call, no ladder: still exported

            Map<Integer, byte[]> chunks = Hep.decode(receive(collector));
            assertEquals(2, chunks.get(1)[0], "IPv4");
            assertEquals(17, chunks.get(2)[0], "UDP");
            assertEquals("192.0.2.100", InetAddress.getByAddress(chunks.get(3)).getHostAddress());
            assertEquals("192.0.2.1", InetAddress.getByAddress(chunks.get(4)).getHostAddress(),
                    "back along the Via");
            assertEquals(5060, ByteBuffer.wrap(chunks.get(7)).getShort() & 0xFFFF);
            assertEquals(5070, ByteBuffer.wrap(chunks.get(8)).getShort() & 0xFFFF);
            long seconds = ByteBuffer.wrap(chunks.get(9)).getInt() & 0xFFFFFFFFL;
            assertTrue(Math.abs(seconds - Instant.now().getEpochSecond()) < 5);
            assertEquals(1, chunks.get(11)[0], "SIP");
            assertEquals(2001, ByteBuffer.wrap(chunks.get(12)).getInt());
            assertEquals("reg-1@192.0.2.1", new String(chunks.get(17), StandardCharsets.UTF_8));
            assertTrue(new String(chunks.get(15), StandardCharsets.UTF_8)
                    .startsWith("SIP/2.0 401 Unauthorized\r\n"));

            ladders.quality("call-9@192.0.2.1", Map.of("qualityA", Map.of("mos", 4.2)));
            chunks = Hep.decode(receive(collector));
            assertEquals(5, chunks.get(11)[0], "quality as RTCP-derived JSON");
            assertEquals("call-9@192.0.2.1", new String(chunks.get(17), StandardCharsets.UTF_8));
            assertEquals(Map.of("qualityA", Map.of("mos", 4.2)), new ObjectMapper().readValue(chunks.get(15), Map.class));
            ladders.stop();
        }
        assertThrows(IllegalArgumentException.class, () -> HepExporter.of("io.switchboard.sip", "homer", 1),
                "a collector without a port is named");
    }

    private static byte[] receive(DatagramChannel collector) throws Exception {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        collector.socket().receive(p);
        return Arrays.copyOf(buf, p.getLength());
    }

    private static Map<?, ?> awaitLadder(LadderStore store, String callId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var json = store.json(callId);
            if (json.isPresent()) {
                return new ObjectMapper().readValue(json.get(), Map.class);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("ladder of " + callId + " never stored");
    }

    private static Request request(String method, String callId, String uri) throws Exception {
        MessageFactory f = SipFactory.getInstance().createMessageFactory();
        return f.createRequest(method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK"
                + Long.toHexString(System.nanoTime()) + "\r\nFrom: <sip:alice@sw>;tag=1\r\nTo: <" + uri
                + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    private static Response response(Request request, int status) throws Exception {
        return SipFactory.getInstance().createMessageFactory().createResponse(status, request);
    }

    private DataSource h2() throws Exception {
        return SwitchDatabase.migrated(dir);
    }
}
