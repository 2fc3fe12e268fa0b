package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import javax.sip.RequestEvent;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The switch's only listening point closed (its settings file removed) and another opened later: jain-sip
 * stops its whole stack when its last provider is deleted, so the point that came later was listed as
 * listening but never answered. The stack now keeps its last provider, and the new point answers.
 */
class ListeningPointsTest {

    @Test
    void aPointOpenedAfterTheLastOneClosedIsServed() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = factory.createSipStack(StackProperties.of("listening-points-test-" + System.nanoTime(), 1));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ListeningPoints points = new ListeningPoints(stack, new Answering(factory.createMessageFactory()), timer);
            stack.start();
            Listener first = udp("first", freePort());
            points.add(first);
            assertEquals(List.of(first.toString()), points.listening());

            points.remove(first); // closed after the grace a file read again gets
            await(() -> points.listening().isEmpty(), "the first point closes");
            assertTrue(((SIPTransactionStack) stack).isAlive(), "the stack runs on without a point");

            int port = freePort();
            points.add(udp("second", port));
            assertTrue(options(port).startsWith("SIP/2.0 200"), "the second point answers");
        } finally {
            timer.shutdownNow();
            stack.stop();
        }
    }

    private static Listener udp(String name, int port) {
        Listener.Config config = new Listener.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Listener.Config.class;
            }

            @Override
            public String transport() {
                return "udp";
            }

            @Override
            public String certificate() {
                return "";
            }

            @Override
            public String privateKey() {
                return "";
            }

            @Override
            public String _keystorePassword() {
                return "";
            }

            @Override
            public String keystorePassword() {
                return "";
            }

            @Override
            public String address() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }
        };
        return new Listener(null, config, Map.of("service.pid", Listener.FACTORY_PID + "~" + name));
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    /** @return the first line of the answer to an OPTIONS sent to the port, or "" after 5 s */
    private static String options(int port) throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            String m = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bKpoints1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:test@127.0.0.1>;tag=p1\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: points-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = m.getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            try {
                phone.receive(answer);
            } catch (SocketTimeoutException none) {
                return "";
            }
            String text = new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
            return text.substring(0, Math.max(0, text.indexOf("\r\n")));
        }
    }

    /** Answers OPTIONS 200 without a transaction. */
    private record Answering(MessageFactory messages) implements RequestListener {
        @Override
        public void processRequest(RequestEvent event) {
            try {
                Response ok = messages.createResponse(Response.OK, event.getRequest());
                ((SipProvider) event.getSource()).sendResponse(ok);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
