package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * A real jain-sip stack on a loopback UDP port behind {@link UdpIngress}: a flood while the only SIP
 * thread is busy is dropped at the full queue instead of piling up, the stack answers again once
 * the thread is free, and it answers from its listening port.
 */
class UdpIngressTest {

    @Test
    void aFloodIsDroppedAtTheBoundAndTheStackServesAgainAfterwards() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        // the switch's own settings, with one SIP thread so that one request can hold it
        SipStack stack = factory.createSipStack(StackProperties.of("udp-ingress-test-" + System.nanoTime(), 1));
        SIPTransactionStack nist = (SIPTransactionStack) stack;
        UdpIngress ingress = new UdpIngress(nist.getMessageProcessorFactory(), 1_000, 60_000, (a, d, o, l) -> true);
        nist.setMessageProcessorFactory(ingress);
        MessageFactory messages = factory.createMessageFactory();
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, "udp");
        SipProvider provider = stack.createSipProvider(lp);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        provider.addSipListener(new Answering(messages, busy, release, sent));
        stack.start();
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            phone.setReceiveBufferSize(1 << 20);
            send(phone, port, 0);
            assertTrue(busy.await(5, TimeUnit.SECONDS), "the first OPTIONS holds the only SIP thread");
            for (int i = 1; i <= 20_000; i++) {
                send(phone, port, i);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (ingress.dropped() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(ingress.dropped() > 0, "datagrams past the bound of 1,000 are dropped on arrival");
            // until the reader has taken in all the kernel had buffered
            for (long seen = -1; seen != ingress.dropped();) {
                seen = ingress.dropped();
                Thread.sleep(300);
            }

            release.countDown();
            // what waited is answered: the first request, the 1,000 in the queue and at most the
            // one the reader held when the queue was full; the rest were dropped. Counted where the
            // answers are sent: a burst of a thousand datagrams overflows the phone's socket buffer
            // whenever its reader is not scheduled in time (a busy machine), which says nothing of the switch
            deadline = System.currentTimeMillis() + 15_000;
            for (int seen = -1; seen != sent.get() && System.currentTimeMillis() < deadline;) {
                seen = sent.get();
                Thread.sleep(500);
            }
            int answered = sent.get();
            assertTrue(answered >= 1_001 && answered <= 1_002, answered + " answered");
            byte[] buf = new byte[4096];
            DatagramPacket first = new DatagramPacket(buf, buf.length);
            phone.receive(first);
            assertEquals(port, first.getPort(), "answers leave from the listening port");
            phone.setSoTimeout(200);
            try {
                while (true) {
                    phone.receive(new DatagramPacket(buf, buf.length)); // the rest of the burst
                }
            } catch (SocketTimeoutException drained) {
                // nothing more
            }

            // and a new request is served as before
            phone.setSoTimeout(5_000);
            send(phone, port, 99_999);
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            phone.receive(answer);
            String text = new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("SIP/2.0 200") && text.contains("CSeq: 99999 OPTIONS"), text);
        } finally {
            stack.stop();
        }
    }

    private static void send(DatagramSocket phone, int port, int cseq) throws Exception {
        String m = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bKflood" + cseq + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:flood@127.0.0.1>;tag=f" + cseq + "\r\nTo: <sip:127.0.0.1>\r\n"
                + "Call-ID: flood-" + cseq + "@127.0.0.1\r\nCSeq: " + cseq + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
        byte[] b = m.getBytes(StandardCharsets.UTF_8);
        phone.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Answers OPTIONS 200 without a transaction; the first one waits until released. */
    private record Answering(MessageFactory messages, CountDownLatch busy, CountDownLatch release,
            AtomicInteger sent) implements RequestListener {
        @Override
        public void processRequest(RequestEvent event) {
            try {
                if (busy.getCount() > 0) {
                    busy.countDown();
                    release.await(30, TimeUnit.SECONDS);
                }
                Response ok = messages.createResponse(Response.OK, event.getRequest());
                ((SipProvider) event.getSource()).sendResponse(ok);
                sent.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
