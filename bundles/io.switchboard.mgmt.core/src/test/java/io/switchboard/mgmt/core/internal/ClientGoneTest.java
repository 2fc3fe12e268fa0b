package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class ClientGoneTest {

    @Test
    void aWriteToAClientThatHungUpIsTheClientGoingAway() throws Exception {
        // a real connection whose other end resets it, as a probe giving up does
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            try (Socket accepted = server.accept()) {
                client.setSoLinger(true, 0);
                client.close();
                IOException failure = assertThrows(IOException.class, () -> {
                    OutputStream out = accepted.getOutputStream();
                    for (int i = 0; i < 1_000; i++) {
                        out.write(new byte[64 * 1024]);
                        out.flush();
                    }
                });
                assertTrue(ClientGone.wentAway(new IOException("while writing /status", failure)), failure.toString());
            }
        }
    }

    @Test
    void otherFailuresAreNot() {
        assertTrue(ClientGone.wentAway(new EOFException("Jetty's EofException is one")));
        assertFalse(ClientGone.wentAway(new IOException("No space left on device")));
        assertFalse(ClientGone.wentAway(new IOException(new IllegalStateException("committed"))));
    }

    @Test
    void anotherFailurePassesThrough() {
        IOException disk = new IOException("No space left on device");
        IOException thrown = assertThrows(IOException.class,
                () -> new ClientGone().doFilter(null, null, (request, response) -> {
                    throw disk;
                }));
        assertSame(disk, thrown);
    }
}
