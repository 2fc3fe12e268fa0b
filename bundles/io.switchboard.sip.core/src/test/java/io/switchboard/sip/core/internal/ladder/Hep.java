package io.switchboard.sip.core.internal.ladder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A HEP v3 reader as a collector reads the datagrams, from the specification's layout, for the tests. */
final class Hep {

    private Hep() {
    }

    /** @return each generic chunk's data by its type; fails on anything that is not one whole HEP3 packet */
    static Map<Integer, byte[]> decode(byte[] datagram) {
        ByteBuffer b = ByteBuffer.wrap(datagram);
        byte[] id = new byte[4];
        b.get(id);
        if (!new String(id, StandardCharsets.US_ASCII).equals("HEP3")) {
            throw new AssertionError("not HEP3");
        }
        int length = b.getShort() & 0xFFFF;
        if (length != datagram.length) {
            throw new AssertionError("HEP length " + length + ", datagram " + datagram.length);
        }
        Map<Integer, byte[]> chunks = new HashMap<>();
        while (b.hasRemaining()) {
            int vendor = b.getShort() & 0xFFFF;
            int type = b.getShort() & 0xFFFF;
            int chunkLength = b.getShort() & 0xFFFF;
            byte[] data = new byte[chunkLength - 6];
            b.get(data);
            if (vendor == 0) {
                chunks.put(type, data);
            }
        }
        return chunks;
    }
}
