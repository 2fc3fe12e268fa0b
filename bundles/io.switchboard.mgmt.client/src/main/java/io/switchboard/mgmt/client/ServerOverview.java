package io.switchboard.mgmt.client;

import java.util.List;
import java.util.Map;

/**
 * What a server says about itself: the answers of {@code /health}, {@code /version},
 * {@code /status} and {@code /plugins} in one value.
 *
 * @param health UP or DOWN
 * @param healthChecks each check and its state
 * @param product product name
 * @param version server version
 * @param framework OSGi framework and version
 * @param java Java runtime
 * @param started when the server started, ISO-8601 with offset
 * @param uptimeSeconds seconds since start
 * @param heapUsedBytes heap in use
 * @param heapMaxBytes heap limit
 * @param bundleStates number of bundles per state
 * @param bundles every bundle
 * @param plugins every plugin service
 */
public record ServerOverview(String health, Map<String, String> healthChecks, String product, String version,
        String framework, String java, String started, long uptimeSeconds, long heapUsedBytes, long heapMaxBytes,
        Map<String, Integer> bundleStates, List<Bundle> bundles, List<Plugin> plugins) {

    /** A bundle of the server. */
    public record Bundle(long id, String symbolicName, String version, String state) {
    }

    /** A plugin service of the server. */
    /**
     * @param signer the subject of the certificate that signed the plugin, "" when unsigned
     * @param provides interfaces of the services the plugin's bundle registers
     * @param uses interfaces of the services it uses
     */
    public record Plugin(String name, String vendor, String description, List<String> interfaces, int ranking,
            String bundle, String bundleVersion, String signer, List<String> provides, List<String> uses) {

        /** A plugin as servers before 1.7 describe it: no signer, services unknown. */
        public Plugin(String name, String vendor, String description, List<String> interfaces, int ranking,
                String bundle, String bundleVersion) {
            this(name, vendor, description, interfaces, ranking, bundle, bundleVersion, "", List.of(), List.of());
        }
    }

    /** @return active bundles / all bundles, for example "48/48" */
    public String bundleSummary() {
        return bundleStates.getOrDefault("ACTIVE", 0) + "/" + bundles.size();
    }
}
