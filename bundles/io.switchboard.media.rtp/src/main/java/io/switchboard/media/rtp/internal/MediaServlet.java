package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.StreamStats;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The relay's resources of the management API:
 * <pre>
 * GET /media/status     sessions, ports in use of the range, packets in and out, packets/s, drops, timeouts
 * GET /media/sessions   each call's media now: ports, where each leg is sent to (latched or signalled), live quality;
 *                       its streams (audio, video) with the quality of each
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/media/*" })
public class MediaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /media/status"), ApiRoute.of("GET /media/sessions"));

    @Reference
    private transient MediaRelay relay;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = "/media" + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (JsonAnswers.refused(ROUTES, path, req, resp, JSON)) {
            return;
        }
        if (path.equals("/media/status")) {
            write(resp, 200, relay.status());
        } else {
            write(resp, 200, sessions());
        }
    }

    private List<Map<String, Object>> sessions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MediaSession s : relay.sessions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("callId", s.callId());
            m.put("ports", s.ports());
            Map<String, Object> peers = new LinkedHashMap<>();
            for (Leg leg : Leg.values()) {
                peers.put(leg.name(), s.peer(leg).map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse(null));
            }
            m.put("peers", peers);
            m.put("quality", s.stats());
            // every stream carried (audio, video, ...), each with what the relay measured on it
            List<String> streams = s.streams();
            List<Map<Leg, StreamStats>> measured = new ArrayList<>();
            for (int i = 0; i < streams.size(); i++) {
                measured.add(s.stats(i));
            }
            m.put("streams", streams);
            m.put("streamQuality", measured);
            out.add(m);
        }
        out.sort(Comparator.comparing(m -> (String) m.get("callId")));
        return out;
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        JsonAnswers.write(resp, JSON, status, body);
    }
}
