package io.switchboard.parking.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.parking.api.ParkedCall;
import io.switchboard.parking.api.ParkingLot;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The parking lot in the management API, read-only: the lot is set in {@code io.switchboard.parking} and filled
 * by phones.
 *
 * <pre>
 * GET /parking   {"parkNumber", "slots": ["701", ...], "parked": [{"slot", "callId", "caller", "callerName",
 *                 "parkedBy", "parkedAt", "returnsAt", "state"}]}
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/parking" })
public class ParkingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /parking"));
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient ParkingLot lot;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (JsonAnswers.refused(ROUTES, "/parking", req, resp, JSON)) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parkNumber", lot.parkNumber());
        out.put("slots", lot.slots());
        out.put("parked", lot.parked().stream().map(ParkingServlet::json).toList());
        JsonAnswers.write(resp, JSON, 200, out);
    }

    static Map<String, Object> json(ParkedCall p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slot", p.slot());
        out.put("callId", p.callId());
        out.put("caller", p.caller());
        out.put("callerName", p.callerName());
        out.put("parkedBy", p.parkedBy());
        out.put("parkedAt", p.parkedAt().toString());
        out.put("returnsAt", p.returnsAt().toString());
        out.put("state", p.state().name());
        return out;
    }
}
