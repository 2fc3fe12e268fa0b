package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a server that a test can cut, as a network or a stopped database would:
 * while cut, the connections it carried are reset and every new one is closed as soon as it is taken.
 * Or it can fall silent, as a firewall that drops packets: connections stay open and nothing passes.
 */
public final class CutProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean silent;

    /** Listens on a free loopback port and forwards to {@code host:port}. */
    public CutProxy(String host, int port) throws IOException {
        this.upstream = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cut-proxy-accept").start(this::accept);
    }

    /** @return the loopback port it listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /** Resets what it carries and refuses what comes, until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            reset(s);
        }
    }

    /**
     * Lets every byte fall in both directions and holds new connections unanswered, until {@link #restore()}:
     * only a client's own timeout tells it.
     */
    public void silence() {
        silent = true;
    }

    /** Lets connections through again; those carried while silent lost bytes, and are reset. */
    public void restore() {
        if (silent) {
            for (Socket s : open) {
                reset(s);
            }
            silent = false;
        }
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    reset(client);
                    continue;
                }
                if (silent) {
                    open.add(client); // taken, never answered
                    continue;
                }
                Socket server = new Socket();
                server.connect(upstream, 5000);
                open.add(client);
                open.add(server);
                if (cut) { // cut while this one was being connected: the reset loop may have missed it
                    reset(client);
                    reset(server);
                    continue;
                }
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                // the listener was closed, or the upstream refused this one connection
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; !cut && (n = in.read(buffer)) >= 0;) {
                if (!silent) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // one side went away: the other is closed below
        } finally {
            reset(from);
            reset(to);
        }
    }

    private void reset(Socket s) {
        open.remove(s);
        try {
            s.setSoLinger(true, 0); // a reset, as a peer that is gone gives
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
    }
}
