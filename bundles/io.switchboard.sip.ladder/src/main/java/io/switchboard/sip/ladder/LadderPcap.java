package io.switchboard.sip.ladder;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's ladder as a PCAP capture for Wireshark's flow graph and tcpdump: each message one UDP
 * datagram between the switch's address and the other end's, at the time the switch saw it, whatever
 * transport carried it, since a ladder keeps messages, not segments. Raw IP link type, IPv4 or IPv6.
 */
final class LadderPcap {

    /** The switch when a ladder kept no address of its own: TEST-NET-1, never a host of anyone's. */
    private static final InetSocketAddress UNKNOWN = new InetSocketAddress("192.0.2.1", 5060);
    private static final int LINKTYPE_RAW = 101;
    private static final int MAX_PAYLOAD = 65_507;

    private LadderPcap() {
    }

    static byte[] write(List<CallLadder.Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + entries.size() * 1200);
        ByteBuffer head = le(24).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262_144).putInt(LINKTYPE_RAW);
        out.writeBytes(head.array());
        int id = 0;
        Map<String, InetSocketAddress> named = new HashMap<>();
        for (CallLadder.Entry e : entries) {
            InetSocketAddress local = address(e.local(), named);
            InetSocketAddress peer = address(e.peer(), named);
            boolean in = "in".equals(e.direction());
            byte[] packet = udp(in ? peer : local, in ? local : peer, payload(e.message()), ++id);
            Instant time = time(e.time());
            out.writeBytes(le(16).putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000)
                    .putInt(packet.length).putInt(packet.length).array());
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    private static byte[] payload(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_PAYLOAD) {
            return bytes;
        }
        byte[] cut = new byte[MAX_PAYLOAD];
        System.arraycopy(bytes, 0, cut, 0, MAX_PAYLOAD);
        return cut;
    }

    /** One IP packet carrying the datagram, with its checksums, so that no tool flags it as damaged. */
    static byte[] udp(InetSocketAddress from, InetSocketAddress to, byte[] payload, int id) {
        boolean v6 = from.getAddress() instanceof Inet6Address || to.getAddress() instanceof Inet6Address;
        byte[] src = bytes(from.getAddress(), v6);
        byte[] dst = bytes(to.getAddress(), v6);
        int udpLength = 8 + payload.length;
        ByteBuffer udp = ByteBuffer.allocate(udpLength).putShort((short) from.getPort()).putShort((short) to.getPort())
                .putShort((short) udpLength).putShort((short) 0).put(payload);
        ByteBuffer pseudo = ByteBuffer.allocate(src.length * 2 + 8 + udpLength).put(src).put(dst)
                .putInt(v6 ? udpLength : 17 << 16 | udpLength);
        if (v6) {
            pseudo.putInt(17);
        }
        int sum = checksum(pseudo.put(udp.array()).array(), pseudo.position());
        udp.putShort(6, (short) (sum == 0 ? 0xffff : sum));
        ByteBuffer ip;
        if (v6) {
            ip = ByteBuffer.allocate(40 + udpLength).putInt(0x6000_0000).putShort((short) udpLength).put((byte) 17)
                    .put((byte) 64).put(src).put(dst);
        } else {
            ip = ByteBuffer.allocate(20 + udpLength).put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength))
                    .putShort((short) id).putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(src).put(dst);
            ip.putShort(10, (short) checksum(ip.array(), 20));
        }
        return ip.put(udp.array()).array();
    }

    /** The Internet checksum (RFC 1071) of the first length bytes. */
    private static int checksum(byte[] data, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (data[i] & 0xff) << 8 | data[i + 1] & 0xff;
        }
        if (length % 2 == 1) {
            sum += (data[length - 1] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }

    private static byte[] bytes(InetAddress address, boolean v6) {
        byte[] raw = address.getAddress();
        if (!v6 || address instanceof Inet6Address) {
            return raw;
        }
        byte[] mapped = new byte[16]; // an IPv4 end of an IPv6 datagram: IPv4-mapped (::ffff:a.b.c.d)
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /**
     * @return host:port as an address from its literal; an end known by name gets an address of
     *         TEST-NET-3 of its own, the same for each of its messages; none at all is {@link #UNKNOWN}
     */
    static InetSocketAddress address(String hostPort, Map<String, InetSocketAddress> named) {
        if (hostPort == null) {
            return UNKNOWN;
        }
        InetSocketAddress a;
        try {
            a = Ladders.socket(hostPort);
        } catch (RuntimeException notHostPort) {
            a = null;
        }
        if (a != null && !a.isUnresolved()
                && (a.getAddress() instanceof Inet4Address || a.getAddress() instanceof Inet6Address)) {
            return a;
        }
        int port = a == null ? 5060 : a.getPort();
        return named.computeIfAbsent(hostPort,
                name -> new InetSocketAddress("203.0.113." + (1 + named.size() % 254), port));
    }

    private static Instant time(String iso) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
