package io.switchboard.mgmt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Error reporting of the client over real sockets. The full round trip against a real server
 * is covered by the console UI test, which starts the server product.
 */
class ManagementClientTest {

    @Test
    void addressesAreCheckedBeforeAnyCall() {
        assertEquals("http://h:8080/api/v1/", ManagementClient.apiUri("http://h:8080").toString());
        assertEquals("https://h/sb/api/v1/", ManagementClient.apiUri(" https://h/sb/ ").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManagementClient.apiUri("localhost:8080"));
        assertTrue(e.getMessage().contains("expected http://host:port"), e.getMessage());
    }

    @Test
    void refusedConnectionIsExplained() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ManagementException e = assertThrows(ManagementException.class,
                () -> new ManagementClient("http://127.0.0.1:" + port, "admin", "x").get("status"));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertEquals(0, e.status());
    }

    @Test
    void rejectedCredentialsAndNonJsonAnswersAreExplained() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/status", x -> answer(x, 401, "{\"status\":401,\"error\":\"Invalid\"}"));
        server.createContext("/api/v1/version", x -> answer(x, 200, "<html>not an API</html>"));
        server.createContext("/api/v1/plugins", x -> answer(x, 500, "{\"status\":500,\"error\":\"disk full\"}"));
        server.start();
        try {
            ManagementClient client = new ManagementClient(
                    "http://127.0.0.1:" + server.getAddress().getPort(), "admin", "wrong");
            ManagementException e = assertThrows(ManagementException.class, () -> client.get("status"));
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("refused the user name or password"), e.getMessage());
            e = assertThrows(ManagementException.class, () -> client.get("version"));
            assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
            e = assertThrows(ManagementException.class, () -> client.get("plugins"));
            assertTrue(e.getMessage().endsWith("500: disk full"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
