package io.switchboard.sip.ladder;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends SIP messages, and each call's measured quality at its end, to a Homer collector as HEP v3
 * over UDP (https://github.com/sipcapture/HEP): generic chunks for addresses, ports, time, protocol
 * type (1 SIP, 5 RTCP-derived quality as JSON), agent id, correlation id (the Call-ID) and payload.
 * Sending never blocks the switch: a datagram the socket does not take is dropped and counted.
 */
public final class HepExporter implements AutoCloseable {

    private static final Logger LOG = System.getLogger(HepExporter.class.getName());
    static final int TYPE_SIP = 1;
    static final int TYPE_QUALITY = 5;

    private final InetSocketAddress collector;
    private final int agentId;
    private final DatagramChannel channel;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public HepExporter(InetSocketAddress collector, int agentId) throws IOException {
        this.collector = collector;
        this.agentId = agentId;
        this.channel = DatagramChannel.open();
        channel.configureBlocking(false);
        LOG.log(Level.INFO, "SIP and call quality exported as HEP v3 to " + collector.getHostString() + ":"
                + collector.getPort());
    }

    /**
     * @param setting {@code host:port} of the collector, or empty for none
     * @return the exporter, or null when the setting is empty
     * @throws IllegalArgumentException naming the setting when it is not host:port
     */
    public static HepExporter of(String pid, String setting, int agentId) throws IOException {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        String value = setting.trim();
        int colon = value.lastIndexOf(':');
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (colon < 1 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HepExporter(new InetSocketAddress(value.substring(0, colon).replaceAll("^\\[|\\]$", ""), port),
                    agentId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid setting " + pid + " hepCollector=" + value
                    + ": must be HOST:PORT of a Homer collector (HEP v3 over UDP), or empty");
        }
    }

    /** A SIP message as it went over the wire, from {@code source} to {@code destination}. */
    void sip(String callId, InetSocketAddress source, InetSocketAddress destination, long epochMicros, String message) {
        send(TYPE_SIP, callId, source, destination, epochMicros, message.getBytes(StandardCharsets.UTF_8));
    }

    /** A call's quality as the relay measured it, as JSON, correlated by the caller's Call-ID. */
    public void quality(String callId, InetSocketAddress local, String json) {
        long micros = System.currentTimeMillis() * 1000;
        send(TYPE_QUALITY, callId, local, local, micros, json.getBytes(StandardCharsets.UTF_8));
    }

    private void send(int type, String callId, InetSocketAddress source, InetSocketAddress destination,
            long epochMicros, byte[] payload) {
        InetAddress src = address(source);
        InetAddress dst = address(destination);
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        byte[] correlation = callId == null ? new byte[0] : callId.getBytes(StandardCharsets.UTF_8);
        int length = 6 + 7 + 7 + (v4 ? 2 * 10 : 2 * 22) + 2 * 8 + 2 * 10 + 7 + 10 + 6 + correlation.length + 6
                + payload.length;
        if (length > 65535) {
            dropped.incrementAndGet();
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put("HEP3".getBytes(StandardCharsets.US_ASCII)).putShort((short) length);
        chunk(b, 1, 1).put((byte) (v4 ? 2 : 10));
        chunk(b, 2, 1).put((byte) 17);
        chunk(b, v4 ? 3 : 5, v4 ? 4 : 16).put(raw(src, v4));
        chunk(b, v4 ? 4 : 6, v4 ? 4 : 16).put(raw(dst, v4));
        chunk(b, 7, 2).putShort((short) (source == null ? 0 : source.getPort()));
        chunk(b, 8, 2).putShort((short) (destination == null ? 0 : destination.getPort()));
        chunk(b, 9, 4).putInt((int) (epochMicros / 1_000_000));
        chunk(b, 10, 4).putInt((int) (epochMicros % 1_000_000));
        chunk(b, 11, 1).put((byte) type);
        chunk(b, 12, 4).putInt(agentId);
        chunk(b, 17, correlation.length).put(correlation);
        chunk(b, 15, payload.length).put(payload);
        b.flip();
        try {
            if (channel.send(b, collector) == 0) {
                dropped.incrementAndGet();
            } else {
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    private static ByteBuffer chunk(ByteBuffer b, int type, int dataLength) {
        return b.putShort((short) 0).putShort((short) type).putShort((short) (6 + dataLength));
    }

    private static InetAddress address(InetSocketAddress a) {
        return a == null || a.getAddress() == null ? InetAddress.getLoopbackAddress() : a.getAddress();
    }

    private static byte[] raw(InetAddress a, boolean v4) {
        byte[] raw = a.getAddress();
        if (v4 || raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16]; // an IPv4 address beside an IPv6 one: as ::ffff:a.b.c.d
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** @return {HEP datagrams sent, dropped} */
    public long[] counts() {
        return new long[] { sent.get(), dropped.get() };
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "HEP socket: " + e.getMessage());
        }
    }
}
