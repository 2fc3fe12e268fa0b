package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.context.ServletContextHelper;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context of {@code /api/v1}: every request is authenticated here, and its role and
 * (for a change) its proof of not being a cross-site form checked, before any resource servlet of
 * any bundle sees it. HTTP Basic over the loopback default; put TLS in front
 * (or configure Jetty's HTTPS) before exposing the port.
 */
@Component(service = ServletContextHelper.class, configurationPid = ManagementConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
                "osgi.http.whiteboard.context.name=" + ManagementApi.CONTEXT_NAME,
                "osgi.http.whiteboard.context.path=" + ManagementApi.CONTEXT_PATH })
public class ManagementContext extends ServletContextHelper {

    private static final Logger LOG = System.getLogger(ManagementContext.class.getName());
    static final String REALM = "Switchboard";
    /** Request attribute with the decoded path every rule judged ({@link ApiPath}). */
    static final String PATH_ATTRIBUTE = "io.switchboard.mgmt.path";

    /** Optional so that the API still answers (health: DOWN, others: 503) while the store is down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Accounts accounts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ApiTokens tokens;
    private final LoginThrottle throttle;
    private final Set<String> proxies;
    private final Set<String> metricsOpenTo;

    @Activate
    public ManagementContext(ManagementConfig config) {
        this(null, new LoginThrottle(config.lockoutAttempts(), config.addressFailureBudget(),
                config.lockoutSeconds() * 1000L, Clock.systemUTC()), Set.of(config.trustedProxies()), Set.of(config.metricsOpenTo()));
    }

    ManagementContext(Accounts accounts, LoginThrottle throttle, Set<String> proxies) {
        this(accounts, throttle, proxies, Set.of());
    }

    ManagementContext(Accounts accounts, LoginThrottle throttle, Set<String> proxies, Set<String> metricsOpenTo) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.proxies = proxies.stream().map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        this.metricsOpenTo = metricsOpenTo.stream().map(String::trim).filter(p -> !p.isEmpty())
                .collect(Collectors.toSet());
    }

    /**
     * @return the client's address: the connection's, or, when that is a trusted proxy, the last
     *         address in X-Forwarded-For that is no trusted proxy (the ones before it the client wrote)
     */
    static String clientAddress(String remote, String forwardedFor, Set<String> proxies) {
        if (forwardedFor == null || !proxies.contains(remote)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !proxies.contains(hop)) {
                return hop;
            }
        }
        return remote;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.isSecure()) {
            // HSTS, on refusals too; over plain HTTP (kept beside HTTPS only when told) it would count for nothing
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        String path;
        try {
            path = ApiPath.of(request);
        } catch (ApiPath.Ambiguous e) {
            response.setHeader("Connection", "close");
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, "Request path refused: " + e.getMessage());
            return false;
        }
        request.setAttribute(PATH_ATTRIBUTE, path);
        if (ManagementApi.HEALTH_PATH.equals(path) && "GET".equals(request.getMethod())) {
            return true;
        }
        if (ManagementApi.METRICS_PATH.equals(path) && "GET".equals(request.getMethod())
                && metricsOpenTo.contains(request.getRemoteAddr())) {
            return true; // the connection's own address: a forwarded one could be anybody's
        }
        String address = loggable(clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), proxies));
        boolean changes = Permissions.changes(request.getMethod(), path);
        if (changes && !provenNotAForm(request)) {
            response.setHeader("Connection", "close"); // the body was not read: Jetty closes the connection
            Json.error(response, HttpServletResponse.SC_FORBIDDEN, "A change needs a JSON body (Content-Type: "
                    + "application/json) or the header " + ManagementApi.CSRF_HEADER + " (any value); this request has "
                    + "neither, as a form that a web page posts would not");
            return false;
        }
        String bearer = bearer(request.getHeader("Authorization"));
        if (bearer != null) {
            return tokenAllowed(bearer, request, response, path, address);
        }
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            challenge(response, "Authentication required");
            return false;
        }
        Optional<Role> role = authenticate(credentials, address, response);
        if (role == null) {
            return false;
        }
        if (role.isEmpty()) {
            // The name is logged for the audit trail, never the password; escaped, so that a name
            // cannot forge log lines
            LOG.log(Level.WARNING, "Failed login as ''{0}'' from {1}", loggable(credentials[0]), address);
            challenge(response, "Invalid user name or password");
            return false;
        }
        Role needed = Permissions.required(request.getMethod(), path);
        if (!role.get().covers(needed)) {
            response.setHeader("Connection", "close");
            Json.error(response, HttpServletResponse.SC_FORBIDDEN, "Account '" + credentials[0] + "' is "
                    + article(role.get()) + "; " + request.getMethod() + " " + ManagementApi.CONTEXT_PATH + path
                    + " needs " + article(needed));
            return false;
        }
        request.setAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE, credentials[0]);
        request.setAttribute(ManagementApi.ROLE_ATTRIBUTE, role.get());
        request.setAttribute(AuditFilter.ADDRESS_ATTRIBUTE, address);
        return true;
    }

    /**
     * An integration's token: checked against the same login budgets as a password (per address, so
     * that a stranger's guesses cannot lock a token out for its integration), then against its scopes,
     * which also give the request its role: the highest of those that open this request, not of all.
     */
    private boolean tokenAllowed(String bearer, HttpServletRequest request, HttpServletResponse response, String path,
            String address) throws IOException {
        ApiTokens current = tokens;
        if (current == null) {
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "API tokens unavailable: the store is not ready (see GET " + ManagementApi.HEALTH_PATH + ")");
            return false;
        }
        String key = "token@" + address;
        long locked = throttle.lockedSeconds(key, address);
        if (locked > 0) {
            response.setHeader("Retry-After", Long.toString(locked));
            Json.error(response, 429, "Too many failed logins from " + address + "; try again in " + locked + " s");
            return false;
        }
        Optional<TokenTable.Token> token = current.verify(bearer, address);
        if (token.isEmpty()) {
            throttle.failed(key, address);
            LOG.log(Level.WARNING, "Unknown, wrong or expired API token from {0}", address);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, "Unknown, wrong or expired API token");
            return false;
        }
        throttle.succeeded(key, address);
        TokenTable.Token t = token.get();
        Optional<Role> role = ApiTokens.role(t, request.getMethod(), path);
        if (role.isEmpty()) {
            response.setHeader("Connection", "close");
            Json.error(response, HttpServletResponse.SC_FORBIDDEN, "Token '" + t.name() + "' has the scopes "
                    + String.join(", ", t.scopes().stream().map(TokenScope::id).toList()) + "; "
                    + request.getMethod() + " " + ManagementApi.CONTEXT_PATH + path + " is outside them");
            return false;
        }
        request.setAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE, "token:" + t.name());
        request.setAttribute(ManagementApi.ROLE_ATTRIBUTE, role.get());
        request.setAttribute(AuditFilter.ADDRESS_ATTRIBUTE, address);
        return true;
    }

    /** @return what follows {@code Bearer} when it is a Switchboard token, else null */
    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = header.substring(7).trim();
        return ApiTokens.looksLikeToken(value) ? value : null;
    }

    /**
     * Credentials verified a moment ago pass at once; any others are judged by the login budgets
     * before a password is hashed, and hashed only within the cap on hashings at once.
     *
     * @return the role, empty when the credentials are wrong, or null when the answer (429, 503) is
     *         written already
     */
    private Optional<Role> authenticate(String[] credentials, String address, HttpServletResponse response)
            throws IOException {
        Accounts current = accounts;
        if (current == null) {
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Accounts unavailable: the store is not ready (see GET " + ManagementApi.HEALTH_PATH + ")");
            return null;
        }
        Optional<Role> remembered = current.remembered(credentials[0], credentials[1]);
        if (remembered.isPresent()) {
            return remembered;
        }
        long locked = throttle.lockedSeconds(credentials[0], address);
        if (locked > 0) {
            response.setHeader("Retry-After", Long.toString(locked));
            Json.error(response, 429, "Too many failed logins from " + address + " or as this account; try again in "
                    + locked + " s");
            return null;
        }
        Optional<Role> role;
        try {
            role = current.authenticate(credentials[0], credentials[1]);
        } catch (Accounts.Busy e) {
            response.setHeader("Retry-After", "1");
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many logins at once; try again");
            return null;
        }
        if (role.isEmpty()) {
            throttle.failed(credentials[0], address);
        } else {
            throttle.succeeded(credentials[0], address);
        }
        return role;
    }

    private static String article(Role role) {
        return (role == Role.VIEWER ? "a " : "an ") + role.id();
    }

    /**
     * A browser posts a form cross-site with a form's content types and no headers of its own; a
     * JSON content type or the custom header can only come from a script the API's own CORS (none)
     * would have to allow, or from a client that is no browser.
     */
    static boolean provenNotAForm(HttpServletRequest request) {
        String header = request.getHeader(ManagementApi.CSRF_HEADER);
        if (header != null && !header.isBlank()) {
            return true;
        }
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals(ManagementApi.JSON) || media.startsWith("application/") && media.endsWith("+json");
    }

    /** @return the name with control characters escaped and cut to 64 characters */
    static String loggable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 64; i++) {
            char c = name.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return name.length() > 64 ? sb + "..." : sb.toString();
    }

    private static void challenge(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    /** @return user and password of an HTTP Basic header, or null when absent or malformed */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
    }
}
