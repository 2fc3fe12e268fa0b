package io.switchboard.mgmt.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Talks to one server's management API ({@code <base>/api/v1/...}) with HTTP Basic credentials.
 * Thread-safe; every call blocks, so call it from a background job, never the UI thread.
 */
public final class ManagementClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The header by which the API tells a client's change from a cross-site form post. */
    static final String REQUESTED_BY = "X-Requested-By";

    private final URI api;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param baseUrl the server's address, for example {@code http://127.0.0.1:8080}
     * @param user account name
     * @param password the account's password; not kept in clear beyond the encoded header
     * @throws IllegalArgumentException when the URL is not an http(s) URL
     */
    public ManagementClient(String baseUrl, String user, String password) {
        this(baseUrl, user, password, () -> null);
    }

    /**
     * A client that also trusts, over HTTPS, the one certificate the admin trusted for this server
     * (trust on first use); any other certificate no authority vouches for fails the call with
     * {@link ManagementException#untrustedCertificate()}.
     *
     * @param trusted the SHA-256 fingerprint the admin trusted, or null; asked at each handshake
     */
    public ManagementClient(String baseUrl, String user, String password, Supplier<String> trusted) {
        this.api = apiUri(baseUrl);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(CertificateTrust.context(trusted)).build();
    }

    /** @return {@code <base>/api/v1/}, after checking that the address is one */
    public static URI apiUri(String baseUrl) {
        String url = baseUrl == null ? "" : baseUrl.trim();
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "'" + url + "' is not a server address; expected http://host:port or https://host:port");
        }
        return uri.resolve("api/v1/");
    }

    /** @return the parsed JSON answer of {@code GET /api/v1/<path>} */
    public JsonNode get(String path) throws ManagementException {
        return json("GET", path, null, null);
    }

    /**
     * Calls the API and parses its JSON answer.
     *
     * @param method GET, PUT, POST or DELETE
     * @param body the request body, or null
     * @param contentType the body's type, or null without a body
     * @throws ManagementException with the server's error (and the field it names, see
     *             {@link ManagementException#field()}) for a 4xx or 5xx
     */
    public JsonNode json(String method, String path, byte[] body, String contentType) throws ManagementException {
        HttpResponse<String> response = send(method, path, body, contentType, "application/json");
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ManagementException(response.uri() + " answered " + response.statusCode()
                    + " with something that is not JSON; is this a Switchboard server?", response.statusCode(), e);
        }
    }

    /**
     * @return the JSON array of {@code GET /api/v1/<path>}, each element read as {@code type} (a record
     *         of an area's console client; fields it does not know are passed over)
     * @since 1.14
     */
    public <T> List<T> list(String path, Class<T> type) throws ManagementException {
        List<T> out = new ArrayList<>();
        try {
            for (JsonNode n : get(path)) {
                out.add(ApiCalls.JSON.treeToValue(n, type));
            }
        } catch (JsonProcessingException e) {
            throw new ManagementException("Unexpected answer to " + path + ": " + e.getOriginalMessage(), 0, e);
        }
        return out;
    }

    /**
     * Sends a change: {@code body} written as JSON (null for none), the JSON answer returned.
     *
     * @since 1.14
     */
    public JsonNode send(String method, String path, Object body) throws ManagementException {
        try {
            return json(method, path, body == null ? null : ApiCalls.JSON.writeValueAsBytes(body),
                    body == null ? null : "application/json");
        } catch (JsonProcessingException e) {
            throw new ManagementException("Cannot write the request: " + e.getMessage(), 0, e);
        }
    }

    /** @return the answer of {@code GET /api/v1/<path>} as text, for CSV and the like */
    public String text(String path) throws ManagementException {
        return send("GET", path, null, null, "*/*").body();
    }

    /**
     * @return the answer of {@code GET /api/v1/<path>} as a stream, for exports of any size; the
     *         caller closes it
     */
    public InputStream stream(String path) throws ManagementException {
        return send("GET", path, null, null, "*/*", HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType, String accept)
            throws ManagementException {
        return send(method, path, body, contentType, accept, HttpResponse.BodyHandlers.ofString());
    }

    private <B> HttpResponse<B> send(String method, String path, byte[] body, String contentType, String accept,
            HttpResponse.BodyHandler<B> handler) throws ManagementException {
        URI uri = api.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                .header("Accept", accept).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (!method.equals("GET")) {
            b.header(REQUESTED_BY, "switchboard-console"); // the server refuses changes that a web form could send
        }
        HttpResponse<B> response;
        try {
            response = http.send(b.build(), handler);
        } catch (HttpConnectTimeoutException e) {
            throw new ManagementException("No answer from " + api.getAuthority() + " within 5 s", 0, e);
        } catch (HttpTimeoutException e) {
            throw new ManagementException(uri + " did not answer within 20 s", 0, e);
        } catch (ConnectException e) {
            throw new ManagementException("Cannot reach the server at " + api.getAuthority()
                    + ": connection refused (is it running, is the address right?)", 0, e);
        } catch (IOException e) {
            UntrustedCertificate untrusted = ManagementException.untrusted(e);
            if (untrusted != null) {
                throw new ManagementException("The server at " + api.getAuthority() + " presents a certificate that "
                        + "no authority vouches for (" + untrusted.subject() + ", SHA-256 " + untrusted.sha256()
                        + ")" + (untrusted.trustedBefore() == null ? "" : ", not the one trusted before"), 0, e);
            }
            throw new ManagementException("Cannot reach the server at " + api.getAuthority() + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagementException("Interrupted while calling " + uri, 0, e);
        }
        int status = response.statusCode();
        if (status == 401) {
            close(response.body());
            throw new ManagementException("The server at " + api.getAuthority()
                    + " refused the user name or password (401)", status, null);
        }
        if (status >= 400 && !(status == 503 && path.equals("health"))) {
            String text = bodyText(response.body());
            String error = text;
            try {
                error = JSON.readTree(text).path("error").asText(text);
            } catch (IOException notJson) {
                // the body as it came
            }
            throw new ManagementException(method + " " + uri.getPath() + " failed with " + status + ": " + error,
                    status, null, error);
        }
        return response;
    }

    private static String bodyText(Object body) {
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        }
        return String.valueOf(body);
    }

    private static void close(Object body) {
        if (body instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing more to read
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** @return health, version, status and plugins of the server in one value */
    public ServerOverview overview() throws ManagementException {
        JsonNode health;
        try {
            health = get("health/checks"); // each check: only for an account since the security review
        } catch (ManagementException olderServer) {
            health = get("health");
        }
        JsonNode version = get("version");
        JsonNode status = get("status");
        JsonNode plugins = get("plugins");
        Map<String, String> checks = new LinkedHashMap<>();
        health.path("checks").properties().forEach(e -> checks.put(e.getKey(), e.getValue().asText()));
        Map<String, Integer> states = new TreeMap<>();
        status.path("bundleStates").properties().forEach(e -> states.put(e.getKey(), e.getValue().asInt()));
        List<ServerOverview.Bundle> bundles = new ArrayList<>();
        for (JsonNode b : status.path("bundles")) {
            bundles.add(new ServerOverview.Bundle(b.path("id").asLong(), b.path("symbolicName").asText(),
                    b.path("version").asText(), b.path("state").asText()));
        }
        List<ServerOverview.Plugin> pluginList = new ArrayList<>();
        for (JsonNode p : plugins) {
            List<String> interfaces = new ArrayList<>();
            p.path("interfaces").forEach(i -> interfaces.add(i.asText()));
            pluginList.add(new ServerOverview.Plugin(p.path("name").asText(), p.path("vendor").asText(),
                    p.path("description").asText(), interfaces, p.path("ranking").asInt(),
                    p.path("bundle").asText(), p.path("bundleVersion").asText(), p.path("signer").asText(),
                    texts(p.path("provides")), texts(p.path("uses"))));
        }
        return new ServerOverview(health.path("status").asText(), checks, version.path("product").asText(),
                version.path("version").asText(), version.path("framework").asText(), version.path("java").asText(),
                status.path("started").asText(), status.path("uptimeSeconds").asLong(),
                status.path("heapUsedBytes").asLong(), status.path("heapMaxBytes").asLong(), states, bundles,
                pluginList);
    }
}
