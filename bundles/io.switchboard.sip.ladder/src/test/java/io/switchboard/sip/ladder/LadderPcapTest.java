package io.switchboard.sip.ladder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A ladder as a capture: one record per message, at its time, from the sender's address to the
 * receiver's, IPv4 and IPv6, with checksums a reader verifies; an old ladder without the switch's
 * address and a peer known only by name still give a readable datagram.
 */
class LadderPcapTest {

    private static final String INVITE = "INVITE sip:bob@192.0.2.10 SIP/2.0\r\nCall-ID: x\r\n\r\n";
    private static final String OK = "SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\n";

    @Test
    void eachMessageIsADatagramFromItsSenderToItsReceiver() {
        byte[] pcap = LadderPcap.write(List.of(
                entry("2026-12-01T10:00:00.250Z", "in", "198.51.100.7:5062", "192.0.2.10:5060", INVITE),
                entry("2026-12-01T10:00:01Z", "out", "[2001:db8::5]:5070", "[2001:db8::1]:5060", OK),
                entry("2026-12-01T10:00:02Z", "out", "carrier.example.net:5060", null, OK)));
        ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, in.getInt());
        in.position(20);
        assertEquals(101, in.getInt(), "raw IP");
        in.position(16);
        assertEquals(262_144, in.getInt(), "the largest IPv6 datagram fits the snap length");
        in.position(24);

        byte[] first = record(in, 1796119200, 250_000);
        assertEquals(0x45, first[0] & 0xff);
        assertEquals(0, checksum(first, 0, 20), "the IPv4 header's checksum verifies");
        assertArrayEquals(new byte[] { (byte) 198, 51, 100, 7 }, Arrays.copyOfRange(first, 12, 16), "from the phone");
        assertArrayEquals(new byte[] { (byte) 192, 0, 2, 10 }, Arrays.copyOfRange(first, 16, 20), "to the switch");
        ByteBuffer udp = ByteBuffer.wrap(first, 20, first.length - 20);
        assertEquals(5062, udp.getShort() & 0xffff);
        assertEquals(5060, udp.getShort() & 0xffff);
        assertEquals(INVITE, new String(first, 28, first.length - 28, StandardCharsets.UTF_8));
        assertEquals(0, udpChecksum(first, 12, 4, 20), "the UDP checksum verifies");

        byte[] second = record(in, 1796119201, 0);
        assertEquals(6, (second[0] & 0xff) >> 4, "IPv6");
        assertEquals(5060, ByteBuffer.wrap(second, 40, 2).getShort() & 0xffff, "from the switch");
        assertEquals(5070, ByteBuffer.wrap(second, 42, 2).getShort() & 0xffff, "to the peer");
        assertEquals(0, udpChecksum(second, 8, 16, 40));

        byte[] third = record(in, 1796119202, 0);
        assertArrayEquals(new byte[] { (byte) 192, 0, 2, 1 }, Arrays.copyOfRange(third, 12, 16),
                "no address kept for the switch: a documentation address");
        assertArrayEquals(new byte[] { (byte) 203, 0, 113, 1 }, Arrays.copyOfRange(third, 16, 20),
                "a carrier known by name: an address of its own, not the switch's");
        assertEquals(pcap.length, in.position(), "three messages, three records");
    }

    private static CallLadder.Entry entry(String time, String direction, String peer, String local, String message) {
        return new CallLadder.Entry(time, "A", direction, peer, message.substring(0, message.indexOf('\r')), message,
                local);
    }

    private static byte[] record(ByteBuffer in, long seconds, int micros) {
        assertEquals(seconds, in.getInt() & 0xffffffffL);
        assertEquals(micros, in.getInt());
        int length = in.getInt();
        assertEquals(length, in.getInt());
        byte[] packet = new byte[length];
        in.get(packet);
        return packet;
    }

    /** The UDP checksum over its pseudo header: zero when the datagram is intact. */
    private static int udpChecksum(byte[] ip, int addresses, int addressLength, int udpAt) {
        int length = ip.length - udpAt;
        ByteBuffer pseudo = ByteBuffer.allocate(addressLength * 2 + 8 + length);
        pseudo.put(ip, addresses, addressLength * 2);
        if (addressLength == 4) {
            pseudo.putInt(17 << 16 | length);
        } else {
            pseudo.putInt(length).putInt(17);
        }
        pseudo.put(ip, udpAt, length);
        return checksum(pseudo.array(), 0, pseudo.position());
    }

    private static int checksum(byte[] data, int from, int length) {
        long sum = 0;
        for (int i = from; i < from + length; i += 2) {
            sum += (data[i] & 0xff) << 8 | (i + 1 < from + length ? data[i + 1] & 0xff : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
