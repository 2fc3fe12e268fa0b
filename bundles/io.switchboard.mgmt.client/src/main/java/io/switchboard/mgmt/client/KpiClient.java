package io.switchboard.mgmt.client;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.kpi.api.Dashboard;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiStatus;
import io.switchboard.kpi.api.Scope;

/**
 * The KPI resources of the management API ({@code /kpi/*}), typed with the records of
 * {@code io.switchboard.kpi.api}: KPI series and the dashboards kept on the server. Blocks like
 * {@link ManagementClient}: call it from a job.
 *
 * @since 1.5
 */
public final class KpiClient {

    /** Scopes and granularities as the API writes them (trunk, 1h): their toString. */
    private static final ObjectMapper JSON = ApiCalls.JSON.copy()
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING);

    private final ManagementClient api;

    public KpiClient(ManagementClient api) {
        this.api = api;
    }

    /**
     * @param key one key of the scope, or null for the busiest ones
     * @param zone the zone of the buckets, or null for the server's
     */
    public KpiReport report(Scope scope, String key, Granularity granularity, Instant from, Instant to, ZoneId zone,
            int limit) throws ManagementException {
        StringBuilder q = new StringBuilder("kpi?scope=").append(scope.id()).append("&granularity=")
                .append(granularity.id()).append("&from=").append(from).append("&to=").append(to).append("&limit=")
                .append(limit);
        if (key != null && !key.isBlank()) {
            q.append("&key=").append(ApiCalls.query(key));
        }
        if (zone != null) {
            q.append("&zone=").append(ApiCalls.query(zone.getId()));
        }
        return read(api.get(q.toString()), KpiReport.class);
    }

    public KpiStatus status() throws ManagementException {
        return read(api.get("kpi/status"), KpiStatus.class);
    }

    /** @return the account's own dashboards, the shared ones and the built-in ones */
    public List<Dashboard> dashboards() throws ManagementException {
        JsonNode array = api.get("kpi/dashboards");
        try {
            return JSON.readerForListOf(Dashboard.class).readValue(array);
        } catch (IOException e) {
            throw new ManagementException("The server's answer is not what it should be: " + e.getMessage(), 0, e);
        }
    }

    /** Saves the dashboard under its name for the account the client logged in as. */
    public Dashboard save(Dashboard dashboard) throws ManagementException {
        return read(ApiCalls.send(api, "PUT", "kpi/dashboards/" + ApiCalls.path(dashboard.name()),
                JSON.valueToTree(dashboard)), Dashboard.class);
    }

    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "kpi/dashboards/" + ApiCalls.path(name));
    }

    private static <T> T read(JsonNode node, Class<T> type) throws ManagementException {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new ManagementException("The server's answer is not what it should be: " + e.getMessage(), 0, e);
        }
    }
}
