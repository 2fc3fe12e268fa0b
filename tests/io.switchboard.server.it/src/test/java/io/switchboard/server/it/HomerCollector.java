package io.switchboard.server.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a Homer collector: takes HEP v3 datagrams on a UDP port and decodes them as the
 * specification lays them out (https://github.com/sipcapture/HEP), each into its generic chunks.
 */
final class HomerCollector implements AutoCloseable {

    /** One HEP packet: protocol type (1 SIP, 5 RTCP), correlation id, payload. */
    record Packet(int type, String correlation, String payload) {
    }

    private final DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    private final List<Packet> packets = new CopyOnWriteArrayList<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final Thread reader = Thread.ofPlatform().daemon().start(this::read);

    HomerCollector() throws IOException {
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    List<Packet> packets() {
        return List.copyOf(packets);
    }

    /** @return what could not be read as HEP v3, empty when all was well */
    List<String> malformed() {
        return List.copyOf(malformed);
    }

    private void read() {
        ByteBuffer in = ByteBuffer.allocate(65536);
        try {
            while (true) {
                in.clear();
                channel.receive(in);
                in.flip();
                try {
                    packets.add(decode(in));
                } catch (RuntimeException e) {
                    malformed.add(e.toString());
                }
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private static Packet decode(ByteBuffer b) {
        byte[] id = new byte[4];
        b.get(id);
        int length = b.getShort() & 0xFFFF;
        if (!"HEP3".equals(new String(id, StandardCharsets.US_ASCII)) || length != b.limit()) {
            throw new IllegalArgumentException("not one HEP3 packet of " + b.limit() + " bytes");
        }
        Map<Integer, byte[]> chunks = new HashMap<>();
        while (b.hasRemaining()) {
            b.getShort(); // vendor
            int type = b.getShort() & 0xFFFF;
            byte[] data = new byte[(b.getShort() & 0xFFFF) - 6];
            b.get(data);
            chunks.put(type, data);
        }
        return new Packet(chunks.get(11)[0], new String(chunks.getOrDefault(17, new byte[0]), StandardCharsets.UTF_8),
                new String(chunks.get(15), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        channel.close();
        reader.interrupt();
    }
}
