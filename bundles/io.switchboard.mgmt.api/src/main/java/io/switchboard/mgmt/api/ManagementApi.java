package io.switchboard.mgmt.api;

/**
 * Names of the management API's servlet context.
 *
 * <p>A bundle adds a resource by registering a {@code jakarta.servlet.Servlet} on the OSGi servlet
 * whiteboard with the properties
 * <pre>
 * osgi.http.whiteboard.context.select = {@value #CONTEXT_SELECT}
 * osgi.http.whiteboard.servlet.pattern = /trunks/*
 * </pre>
 * The context (implemented by {@code io.switchboard.mgmt.core}) authenticates every request
 * before it reaches the servlet; only {@code GET} {@value #HEALTH_PATH} is open. The name of
 * the authenticated account is in the request attribute {@value #PRINCIPAL_ATTRIBUTE}, its
 * {@link Role} in {@value #ROLE_ATTRIBUTE}. Requests that change anything ({@code POST},
 * {@code PUT}, {@code PATCH}, {@code DELETE}) need an operator, and come with a JSON content type
 * or the header {@value #CSRF_HEADER}, so that no web page can make a browser post a form to the
 * API; every change that succeeds is written to the audit log.
 * Resources answer JSON ({@value #JSON}) and report errors as
 * {@code {"status": 400, "error": "..."}}.
 */
public final class ManagementApi {

    /** Name of the servlet context that serves the API. */
    public static final String CONTEXT_NAME = "io.switchboard.mgmt";

    /** Path under which the context serves; resources add their own pattern below it. */
    public static final String CONTEXT_PATH = "/api/v1";

    /** Value for {@code osgi.http.whiteboard.context.select}. */
    public static final String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";

    /** The one resource that answers without credentials, for load balancers and probes. */
    public static final String HEALTH_PATH = "/health";

    /**
     * The Prometheus metrics: authenticated like every resource, or open without credentials to
     * the addresses the management settings name ({@code metricsOpenTo}).
     *
     * @since 1.4
     */
    public static final String METRICS_PATH = "/metrics";

    /** Request attribute that holds the authenticated account's name (a {@code String}). */
    public static final String PRINCIPAL_ATTRIBUTE = "io.switchboard.mgmt.principal";

    /** Request attribute that holds the authenticated account's {@link Role}. */
    public static final String ROLE_ATTRIBUTE = "io.switchboard.mgmt.role";

    /**
     * The header that a change without a JSON body (a CSV import, a DELETE) carries, with any value,
     * to show that no browser form sent it.
     */
    public static final String CSRF_HEADER = "X-Requested-By";

    /** Content type of every answer. */
    public static final String JSON = "application/json";

    private ManagementApi() {
    }
}
