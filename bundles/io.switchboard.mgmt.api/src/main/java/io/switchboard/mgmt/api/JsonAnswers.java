package io.switchboard.mgmt.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a resource of the API answers in JSON: a body, an error ({@code {"status": 404, "error":
 * "..."}}), or a request that its routes refuse. In one place so that every resource answers alike;
 * each passes the mapper that writes its own records.
 */
public final class JsonAnswers {

    private JsonAnswers() {
    }

    /** Writes {@code body} as the answer; management answers are never to be cached. */
    public static void write(HttpServletResponse resp, ObjectMapper json, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(ManagementApi.JSON);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        json.writeValue(resp.getOutputStream(), body);
    }

    public static void error(HttpServletResponse resp, ObjectMapper json, int status, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        write(resp, json, status, body);
    }

    /**
     * Answers a request that none of the routes takes: 404, or 405 with the methods the path allows.
     * Its body is read away first, so that the connection can carry the client's next request.
     *
     * @param path the path under {@code /api/v1}, as the routes name it
     * @return whether the request was refused (and answered)
     */
    public static boolean refused(List<ApiRoute> routes, String path, HttpServletRequest req, HttpServletResponse resp,
            ObjectMapper json) throws IOException {
        ApiRoute.Refusal refusal = ApiRoute.check(routes, path, req.getMethod());
        if (refusal == null) {
            return false;
        }
        RequestBodies.finish(req, resp);
        resp.setHeader("Allow", refusal.allow());
        error(resp, json, refusal.status(), refusal.message());
        return true;
    }
}
