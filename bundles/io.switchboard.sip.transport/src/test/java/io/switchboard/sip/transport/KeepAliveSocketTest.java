package io.switchboard.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** STUN keep-alives answered on a real socket, and SIP passed on whole after them. */
class KeepAliveSocketTest {

    @Test
    void answersABindingRequestWithTheSendersAddressAndPassesSipOn() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (KeepAliveSocket sip = new KeepAliveSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket phone = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            phone.setSoTimeout(5000);
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try {
                    DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                    sip.receive(p);
                    return new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.UTF_8);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] transaction = "0123456789ab".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0)
                    .putInt(KeepAliveSocket.MAGIC_COOKIE).put(transaction);
            phone.send(new DatagramPacket(request.array(), 20, sip.getLocalSocketAddress()));
            // an Indication (no answer expected) is dropped, never handed to SIP
            ByteBuffer indication = ByteBuffer.allocate(20).putShort((short) 0x0011).putShort((short) 0)
                    .putInt(KeepAliveSocket.MAGIC_COOKIE).put(transaction);
            phone.send(new DatagramPacket(indication.array(), 20, sip.getLocalSocketAddress()));

            DatagramPacket answer = new DatagramPacket(new byte[100], 100);
            phone.receive(answer);
            ByteBuffer a = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
            assertEquals(32, answer.getLength());
            assertEquals(0x0101, a.getShort(0), "Binding Success");
            assertEquals(12, a.getShort(2));
            assertEquals(KeepAliveSocket.MAGIC_COOKIE, a.getInt(4));
            byte[] echoed = new byte[12];
            a.get(8, echoed);
            assertArrayEquals(transaction, echoed);
            assertEquals(0x0020, a.getShort(20), "XOR-MAPPED-ADDRESS");
            assertEquals(1, a.get(25), "IPv4");
            assertEquals(phone.getLocalPort(), (a.getShort(26) & 0xFFFF) ^ 0x2112);
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) (a.get(28 + i) ^ ByteBuffer.allocate(4).putInt(KeepAliveSocket.MAGIC_COOKIE).get(i));
            }
            assertArrayEquals(loopback.getAddress(), address);

            // a double CRLF gets its pong; a lone CRLF (another kind of keep-alive) is dropped quietly
            phone.send(new DatagramPacket(new byte[] { '\r', '\n' }, 2, sip.getLocalSocketAddress()));
            phone.send(new DatagramPacket("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 4,
                    sip.getLocalSocketAddress()));
            DatagramPacket pong = new DatagramPacket(new byte[100], 100);
            phone.receive(pong);
            assertEquals("\r\n", new String(pong.getData(), 0, pong.getLength(), StandardCharsets.US_ASCII));

            String options = "OPTIONS sip:switch SIP/2.0\r\nCall-ID: after-stun\r\n\r\n";
            phone.send(new DatagramPacket(options.getBytes(StandardCharsets.UTF_8), options.length(),
                    sip.getLocalSocketAddress()));
            assertEquals(options, received.get(5, TimeUnit.SECONDS), "the SIP message after the STUN ones, whole");
        }
    }
}
