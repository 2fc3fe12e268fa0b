package io.switchboard.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The gate over real loopback sockets: fair slots among addresses, and a message's time. */
class ConnectionGateTest {

    /** A listening socket of the gate, accepting on a thread of its own as jain-sip does. */
    private static final class Listening implements AutoCloseable {
        final ServerSocket server;
        final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
        final List<Socket> clients = new ArrayList<>();

        Listening(ConnectionGate gate) throws IOException {
            server = gate.serverSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
        }

        Socket connect(String from) throws Exception {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(server.getLocalSocketAddress());
            clients.add(s);
            return s;
        }

        Socket next() throws InterruptedException {
            Socket s = accepted.poll(5, TimeUnit.SECONDS);
            assertNotNull(s, "accepted");
            return s;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : clients) {
                s.close();
            }
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static void awaitRefused(ConnectionGate gate, long refused) throws InterruptedException {
        for (int i = 0; i < 500 && gate.counts().refused() < refused; i++) {
            Thread.sleep(10);
        }
        assertEquals(refused, gate.counts().refused());
    }

    @Test
    void addressesFillingEverySlotLeaveRoomForOthersUntilTheSlotsAreShared() throws Exception {
        ConnectionGate gate = new ConnectionGate(4, 4, 60_000, 600_000, new ConnectionGate.Counts());
        try (Listening l = new Listening(gate)) {
            List<Socket> two = new ArrayList<>();
            List<Socket> three = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                l.connect("127.0.0.2");
                two.add(l.next());
                l.connect("127.0.0.3");
                three.add(l.next());
            }
            assertEquals(4, gate.counts().open());
            l.connect("127.0.0.4");
            l.next();
            assertEquals(4, gate.counts().open(), "127.0.0.4 took a slot of an address holding two");
            assertTrue(two.get(0).isClosed() ^ three.get(0).isClosed(), "the first of one of them made room");
            assertFalse(two.get(1).isClosed() || three.get(1).isClosed());
            l.connect("127.0.0.5");
            l.next();
            assertEquals(0, gate.counts().refused());
            l.connect("127.0.0.6");
            awaitRefused(gate, 1); // one each now: nobody's slot is taken for a sixth address
            assertEquals(4, gate.counts().open());
        }
    }

    @Test
    void aConnectionThatSpokeIsKeptBeforeOneThatNeverSentAWholeMessage() throws Exception {
        ConnectionGate gate = new ConnectionGate(3, 4, 60_000, 600_000, new ConnectionGate.Counts());
        try (Listening l = new Listening(gate)) {
            Socket phone = l.connect("127.0.0.2");
            Socket phoneIn = l.next();
            phone.getOutputStream().write("OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            phoneIn.getInputStream().read(new byte[4096]);
            l.connect("127.0.0.2").getOutputStream().write("REGISTER sip:a SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
            Socket half = l.next();
            l.connect("127.0.0.2");
            l.next();
            l.connect("127.0.0.3");
            l.next();
            assertTrue(half.isClosed(), "the half-sent one made room");
            assertFalse(phoneIn.isClosed(), "the phone that sent a whole message stays");
        }
    }

    @Test
    void aHalfSentMessageIsClosedWithinItsTime() throws Exception {
        ConnectionGate gate = new ConnectionGate(8, 4, 300, 600_000, new ConnectionGate.Counts());
        try (Listening l = new Listening(gate)) {
            Socket client = l.connect("127.0.0.2");
            Socket accepted = l.next();
            client.getOutputStream().write(("OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n"
                    + "REGISTER sip:a SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.2").getBytes(StandardCharsets.US_ASCII));
            InputStream in = accepted.getInputStream();
            byte[] b = new byte[4096];
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> {
                while (true) {
                    in.read(b, 0, b.length);
                    client.getOutputStream().write(';'); // a byte at a time: still one message's time
                }
            });
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 250 && millis < 2_000, "within the message's time: " + millis + " ms");
        }
    }

    @Test
    void betweenWholeMessagesTheIdleTimeHolds() throws Exception {
        ConnectionGate gate = new ConnectionGate(8, 4, 200, 600_000, new ConnectionGate.Counts());
        try (Listening l = new Listening(gate)) {
            Socket client = l.connect("127.0.0.2");
            Socket accepted = l.next();
            InputStream in = accepted.getInputStream();
            byte[] b = new byte[4096];
            for (int i = 0; i < 4; i++) {
                client.getOutputStream().write("OPTIONS sip:a SIP/2.0\r\nl: 2\r\n\r\nab\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                in.read(b, 0, b.length);
                Thread.sleep(100); // longer than the message time in all, shorter than the idle time
            }
            assertFalse(accepted.isClosed());
        }
    }
}
