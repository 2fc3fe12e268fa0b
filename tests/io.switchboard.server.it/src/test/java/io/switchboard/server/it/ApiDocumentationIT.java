package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml against the running server: every documented path and method is answered by
 * a resource (never "No resource", 405 or 500), and every other method on a documented path gets
 * a JSON 405 naming the allowed ones, so nothing is served that the document does not show. Health
 * is UP only once the softswitch's and the call records' resources are served.
 */
class ApiDocumentationIT {

    private static final String[] ADMIN = { "admin", "api-doc-it-secret" };
    private static final Path OPENAPI = Path.of(System.getProperty("switchboard.server.dir",
            "../../product/io.switchboard.server.product/target/switchboard-server")).resolve("../../../../docs/openapi.yaml")
            .normalize();
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path base;

    @Test
    void theDocumentAndTheServerAgree() throws Exception {
        Map<String, TreeSet<String>> documented = documented(Files.readString(OPENAPI));
        assertTrue(documented.size() > 30, "paths read from " + OPENAPI + ": " + documented.keySet());
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            // healthy means whole: the resources the health check waits for answer at once
            assertEquals(200, server.get("/sip/status", ADMIN).statusCode(), "SIP resources served once healthy");
            assertEquals(200, server.get("/cdr/status", ADMIN).statusCode(), "CDR resources served once healthy");
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, TreeSet<String>> e : documented.entrySet()) {
                String path = e.getKey().replaceAll("\\{[^}]+}", "doc-check");
                for (String method : METHODS) {
                    if (path.equals("/account/password") && method.equals("PUT")) {
                        continue; // would change the admin's password
                    }
                    HttpResponse<String> r = send(server, method, path);
                    boolean served = r.statusCode() != 405 && r.statusCode() < 500
                            && !(r.statusCode() == 404 && r.body().contains("No resource"));
                    if (e.getValue().contains(method) && !served) {
                        problems.add("documented " + method + " " + e.getKey() + " answered " + r.statusCode() + " "
                                + r.body());
                    } else if (!e.getValue().contains(method) && r.statusCode() != 405) {
                        problems.add("undocumented " + method + " " + e.getKey() + " answered " + r.statusCode());
                    } else if (!e.getValue().contains(method) && !(r.body().startsWith("{")
                            && r.headers().firstValue("Allow").isPresent())) {
                        problems.add(method + " " + e.getKey() + ": 405 without JSON or Allow: " + r.body());
                    }
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    /** @return the documented methods by path (the paths of the API's context, as the document writes them) */
    static Map<String, TreeSet<String>> documented(String yaml) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        String current = null;
        Matcher m = Pattern.compile("(?m)^  (/\\S*):\\s*$|^    (get|put|post|delete|patch):\\s*$").matcher(yaml);
        while (m.find()) {
            if (m.group(1) != null) {
                current = m.group(1);
                out.put(current, new TreeSet<>());
            } else if (current != null) {
                out.get(current).add(m.group(2).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path) throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN[0] + ":" + ADMIN[1]).getBytes(StandardCharsets.UTF_8)))
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
