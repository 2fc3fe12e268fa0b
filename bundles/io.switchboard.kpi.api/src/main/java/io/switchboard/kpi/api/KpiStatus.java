package io.switchboard.kpi.api;

import java.util.List;

/**
 * @param zone the server's zone, which daily rollups follow
 * @param rolledUp records counted in the rollups
 * @param rebuilding whether the rollups are being rebuilt from the records
 * @param destinationPrefixes prefixes that name a destination before the country code does
 */
public record KpiStatus(String zone, long rolledUp, boolean rebuilding, List<String> destinationPrefixes) {

    public KpiStatus {
        destinationPrefixes = List.copyOf(destinationPrefixes);
    }
}
