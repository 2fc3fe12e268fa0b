package io.switchboard.sip.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * A SIP UDP socket that answers keep-alives itself: STUN Binding Requests (RFC 5389), as RFC 5626
 * section 8 asks of a port that takes Outbound flows, and the double CRLF ping many phones send
 * over UDP too. A phone sends them to learn that its flow, and the NAT mapping in front of it, are
 * alive. STUN and SIP tell apart by their first byte (a SIP message starts with a letter, STUN
 * with two zero bits), so a keep-alive never reaches jain-sip, which would take it for a
 * malformed message. Over TCP and TLS jain-sip answers CRLF pings itself.
 */
final class KeepAliveSocket extends DatagramSocket {

    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int HEADER = 20;
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final short XOR_MAPPED_ADDRESS = 0x0020;
    private static final byte[] PONG = { '\r', '\n' };

    KeepAliveSocket(InetSocketAddress bind) throws SocketException {
        super(bind);
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        // a receive fills the packet up to the buffer length it was given, whatever length it last received
        while (true) {
            super.receive(p);
            byte[] answer;
            if (isStun(p.getData(), p.getOffset(), p.getLength())) {
                answer = answer(p.getData(), p.getOffset(), p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } else if (onlyLineBreaks(p.getData(), p.getOffset(), p.getLength())) {
                answer = p.getLength() == 4 ? PONG.clone() : null;
            } else {
                return;
            }
            if (answer != null) {
                send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            }
        }
    }

    /**
     * @return whether the datagram holds only CR and LF: a keep-alive, which gets a CRLF back when
     *         it is the double CRLF ping of RFC 5626 section 4.4.1 (jain-sip answered it over UDP
     *         only when a keep-alive interval was set, with a double CRLF, and at most once per interval)
     */
    static boolean onlyLineBreaks(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] != '\r' && data[i] != '\n') {
                return false;
            }
        }
        return length > 0;
    }

    /** @return whether the datagram is a STUN message: two zero bits, a whole length, the magic cookie */
    static boolean isStun(byte[] data, int offset, int length) {
        if (length < HEADER || (data[offset] & 0xC0) != 0) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        int bodyLength = b.getShort(offset + 2) & 0xFFFF;
        return bodyLength % 4 == 0 && HEADER + bodyLength == length && b.getInt(offset + 4) == MAGIC_COOKIE;
    }

    /**
     * @return the Binding Success answer to a Binding Request, with the address and port it came
     *         from (XOR-MAPPED-ADDRESS), or null for any other STUN message (dropped)
     */
    static byte[] answer(byte[] data, int offset, int length, InetSocketAddress from) {
        ByteBuffer request = ByteBuffer.wrap(data, offset, length);
        if (request.getShort(offset) != BINDING_REQUEST) {
            return null;
        }
        byte[] address = from.getAddress().getAddress();
        boolean v4 = from.getAddress() instanceof Inet4Address;
        ByteBuffer out = ByteBuffer.allocate(HEADER + 4 + 4 + address.length);
        out.putShort(BINDING_SUCCESS).putShort((short) (4 + 4 + address.length)).putInt(MAGIC_COOKIE);
        out.put(data, offset + 8, 12); // the transaction ID
        out.putShort(XOR_MAPPED_ADDRESS).putShort((short) (4 + address.length));
        out.put((byte) 0).put((byte) (v4 ? 1 : 2)).putShort((short) (from.getPort() ^ (MAGIC_COOKIE >>> 16)));
        byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(data, offset + 8, 12).array();
        for (int i = 0; i < address.length; i++) {
            out.put((byte) (address[i] ^ mask[i]));
        }
        return out.array();
    }
}
