package io.switchboard.mgmt.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.TrunkChoice;

/**
 * The softswitch's resources of the management API ({@code /sip/*}), typed with the records of
 * {@code io.switchboard.sip.api}. Blocks like {@link ManagementClient}: call it from a job.
 * Passwords go to the server and never come back: a trunk's or user's record says only whether one is set.
 */
public final class SipClient {

    /** A trunk as stored, with what the switch sees of it now. */
    public record TrunkView(Trunk trunk, TrunkState state, String stateText) {
    }


    /** One registered contact of a user. */
    public record Registration(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
            String source, String userAgent, Instant registered) {
    }

    /** A line of a numbers CSV import that was not saved, and why. */
    public record LineError(long line, String error) {
    }

    /** What a numbers CSV import did: the good lines saved, the bad ones reported by line number. */
    public record ImportReport(int saved, List<LineError> errors) {
    }

    /** What the route simulator says a call would do, and why: the decision real calls follow. */
    /**
     * @param path the call's whole path from the decision on (since 1.11): {"step", "rings", "members": [...],
     *            "then": [{"when", "forward", "step" or "path"}]}, or null from an older server
     */
    public record Simulation(String result, RouteDecision.Outcome outcome, String destination, String route,
            String e164, String dialled, List<TrunkChoice> trunks, List<String> why, JsonNode path) {
    }

    /** One number replayed against two versions: what each would do, and whether that is the same call. */
    public record Replay(String number, boolean same, Simulation from, Simulation to) {
    }

    /** Sample numbers replayed against two versions of the route table. */
    public record Comparison(int from, int to, int differ, List<Replay> results) {
    }

    private static final ObjectMapper JSON = ApiCalls.JSON;

    private final ManagementClient api;

    public SipClient(ManagementClient api) {
        this.api = api;
    }

    /** @return the API client it calls through, for {@link RoutesClient} and the like (since 1.23) */
    public ManagementClient api() {
        return api;
    }

    public List<SipUser> users() throws ManagementException {
        return ApiCalls.list(api.get("sip/users"), SipUser.class);
    }

    /**
     * A user with what it may call: its own calling policy (null fields: the server's defaults) and
     * the one that applies; its version, 0 for one not read from the server.
     */
    public record UserView(String username, String displayName, boolean enabled, Instant created,
            List<String> algorithms, CallClass callClass, Integer maxCalls, Integer callsPerMinute,
            MediaEncryption mediaEncryption, CallingPolicy effective, long version) {

        /** A user not read from the server: saved over whatever is stored. */
        public UserView(String username, String displayName, boolean enabled, Instant created,
                List<String> algorithms, CallClass callClass, Integer maxCalls, Integer callsPerMinute,
                MediaEncryption mediaEncryption, CallingPolicy effective) {
            this(username, displayName, enabled, created, algorithms, callClass, maxCalls, callsPerMinute,
                    mediaEncryption, effective, 0);
        }

        public SipUser user() {
            return new SipUser(username, displayName, enabled, created, algorithms, version);
        }

        public CallingPolicy own() {
            return new CallingPolicy(callClass, maxCalls, callsPerMinute, mediaEncryption);
        }
    }

    public List<UserView> userViews() throws ManagementException {
        return ApiCalls.list(api.get("sip/users"), UserView.class);
    }

    /**
     * Creates a user or changes it, with what it may call, in one write: a user read from the server is saved
     * against its version, and refused (a {@link ManagementException} with status 412) when another change came
     * first.
     */
    public UserView saveUser(SipUser user, String password, CallingPolicy policy) throws ManagementException {
        return saveUser(user, password, policy, false);
    }

    /**
     * As {@link #saveUser(SipUser, String, CallingPolicy)}; with {@code createOnly} the server refuses it (412) when
     * a user of that name is stored already, rather than replace it.
     *
     * @since 1.22
     */
    public UserView saveUser(SipUser user, String password, CallingPolicy policy, boolean createOnly)
            throws ManagementException {
        ObjectNode body = userBody(user, password);
        if (createOnly) {
            body.put("version", 0);
        }
        body.put("callClass", policy.callClass() == null ? null : policy.callClass().name());
        body.put("maxCalls", policy.maxCalls());
        body.put("callsPerMinute", policy.callsPerMinute());
        body.put("mediaEncryption", policy.mediaEncryption() == null ? null : policy.mediaEncryption().name());
        return ApiCalls.read(ApiCalls.put(api, "sip/users/" + ApiCalls.path(user.username()), body), UserView.class);
    }

    /**
     * Creates a user or changes it; a user read from the server is saved against its version.
     *
     * @param password its new password, or null to keep the one it has (required for a new user)
     */
    public SipUser saveUser(SipUser user, String password) throws ManagementException {
        return ApiCalls.read(ApiCalls.put(api, "sip/users/" + ApiCalls.path(user.username()), userBody(user, password)),
                SipUser.class);
    }

    private static ObjectNode userBody(SipUser user, String password) {
        ObjectNode body = JSON.createObjectNode();
        body.put("displayName", user.displayName());
        body.put("enabled", user.enabled());
        if (password != null) {
            body.put("password", password);
        }
        body.set("algorithms", JSON.valueToTree(user.algorithms() == null ? List.of() : user.algorithms()));
        if (user.version() > 0) {
            body.put("version", user.version()); // else whatever is stored is replaced, as before 1.8
        }
        return body;
    }

    public boolean deleteUser(String name) throws ManagementException {
        return ApiCalls.delete(api, "sip/users/" + ApiCalls.path(name));
    }

    /**
     * @return where the switch listens for SIP, as transport:address:port ("udp:0.0.0.0:5060", "tls:...:5061")
     * @since 1.6
     */
    public List<String> listeningPoints() throws ManagementException {
        List<String> out = new ArrayList<>();
        api.get("sip/status").path("listeningPoints").forEach(p -> out.add(p.asText()));
        return out;
    }

    public List<Registration> registrations() throws ManagementException {
        return ApiCalls.list(api.get("sip/registrations"), Registration.class);
    }

    /** @return how many contacts of the user were removed */
    public int unregister(String user) throws ManagementException {
        return api.json("DELETE", "sip/registrations/" + ApiCalls.path(user), null, null).path("removed").asInt();
    }

    public List<TrunkView> trunks() throws ManagementException {
        List<TrunkView> out = new ArrayList<>();
        for (JsonNode t : api.get("sip/trunks")) {
            Trunk trunk = ApiCalls.read(t.path("trunk"), Trunk.class);
            JsonNode live = t.path("live");
            out.add(new TrunkView(trunk, new TrunkState(live.path("name").asText(), "up".equals(live.path("state")
                    .asText()), ApiCalls.instant(live, "since"), live.path("rttMillis").asLong(-1), ApiCalls.instant(live, "lastProbe"),
                    ApiCalls.text(live, "registration"), ApiCalls.instant(live, "registeredUntil"), live.path("channels").asInt(),
                    live.path("maxChannels").asInt()), live.path("state").asText()));
        }
        return out;
    }

    /**
     * @return each trunk's warnings by its name: a trunk with no addresses that takes requests from the phones'
     *         own address for the carrier's; empty lists for the others
     * @since 1.23
     */
    public Map<String, List<String>> trunkWarnings() throws ManagementException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode t : api.get("sip/trunks")) {
            List<String> warnings = new ArrayList<>();
            t.path("warnings").forEach(w -> warnings.add(w.asText()));
            out.put(t.path("trunk").path("name").asText(), List.copyOf(warnings));
        }
        return out;
    }

    /**
     * Creates or replaces a trunk: a trunk read from the server is saved against its version, and refused (a {@link
     * ManagementException} of status 412) when another change came first; one made here replaces whatever is stored.
     *
     * @param password the carrier password (write-only), or null to keep the stored one
     */
    public Trunk saveTrunk(Trunk trunk, String password) throws ManagementException {
        return saveTrunk(trunk, password, false);
    }

    /**
     * As {@link #saveTrunk(Trunk, String)}; with {@code createOnly} the server refuses it (412) when a trunk of that
     * name is stored already, rather than replace it.
     *
     * @since 1.22
     */
    public Trunk saveTrunk(Trunk trunk, String password, boolean createOnly) throws ManagementException {
        ObjectNode body = JSON.valueToTree(trunk);
        body.remove(List.of("name", "hasSecret"));
        if (createOnly) {
            body.put("version", 0);
        } else if (trunk.version() <= 0) {
            body.remove("version"); // a trunk not read from the server: whatever is stored is replaced, as before 1.7
        }
        if (password != null) {
            body.put("password", password);
        }
        return ApiCalls.read(ApiCalls.put(api, "sip/trunks/" + ApiCalls.path(trunk.name()), body), Trunk.class);
    }

    public boolean deleteTrunk(String name) throws ManagementException {
        return ApiCalls.delete(api, "sip/trunks/" + ApiCalls.path(name));
    }

    public List<PhoneNumber> numbers() throws ManagementException {
        return ApiCalls.list(api.get("sip/numbers"), PhoneNumber.class);
    }

    /**
     * Creates or replaces a number: one read from the server is saved against its version, and refused (a {@link
     * ManagementException} with status 412) when another change came first.
     */
    public PhoneNumber saveNumber(PhoneNumber number) throws ManagementException {
        return saveNumber(number, false);
    }

    /**
     * As {@link #saveNumber(PhoneNumber)}; with {@code createOnly} the server refuses it (412) when the number is
     * stored already, rather than replace it.
     *
     * @since 1.22
     */
    public PhoneNumber saveNumber(PhoneNumber number, boolean createOnly) throws ManagementException {
        ObjectNode body = JSON.valueToTree(number);
        body.remove("number");
        if (createOnly) {
            body.put("version", 0);
        } else if (number.version() <= 0) {
            body.remove("version"); // a number not read from the server: whatever is stored is replaced, as before 1.8
        }
        // the API takes the lifecycle's fields beside the others
        body.remove("lifecycle");
        var l = number.lifecycle();
        body.put("state", l.state().id());
        body.put("carrier", l.carrier());
        body.put("monthlyCost", l.monthlyCost());
        body.put("portDate", l.portDate() == null ? null : l.portDate().toString());
        body.put("releaseDate", l.releaseDate() == null ? null : l.releaseDate().toString());
        return ApiCalls.read(ApiCalls.put(api, "sip/numbers/" + ApiCalls.path(number.number()), body), PhoneNumber.class);
    }

    public boolean deleteNumber(String number) throws ManagementException {
        return ApiCalls.delete(api, "sip/numbers/" + ApiCalls.path(number));
    }

    /** Imports numbers from CSV ({@code number,destination,description,emergencyAddress,tags}). */
    public ImportReport importNumbers(String csv) throws ManagementException {
        return ApiCalls.read(api.json("POST", "sip/numbers/import", csv.getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=UTF-8"), ImportReport.class);
    }

    /** @return the number inventory as CSV, as the import reads it */
    public String exportNumbers() throws ManagementException {
        return api.text("sip/numbers?format=csv");
    }

    public List<Route> routes() throws ManagementException {
        return ApiCalls.list(api.get("sip/routes"), Route.class);
    }

    public Route saveRoute(Route route) throws ManagementException {
        return new RoutesClient(api).save(route, null, false).route();
    }

    public boolean deleteRoute(String name) throws ManagementException {
        return ApiCalls.delete(api, "sip/routes/" + ApiCalls.path(name));
    }

    /** @return every version of the route table, newest first */
    public List<RouteVersion> routeVersions() throws ManagementException {
        return ApiCalls.list(api.get("sip/routes/versions"), RouteVersion.class);
    }

    /** @return the route table of one version */
    public List<Route> routesAt(int version) throws ManagementException {
        return ApiCalls.list(api.get("sip/routes/versions/" + version).path("routes"), Route.class);
    }

    public RouteDiff routeDiff(int from, int to) throws ManagementException {
        return ApiCalls.read(api.get("sip/routes/diff?from=" + from + "&to=" + to), RouteDiff.class);
    }

    /** Puts the table of an earlier version back; @return the new version that makes */
    public RouteVersion rollbackRoutes(int version) throws ManagementException {
        return ApiCalls.read(ApiCalls.send(api, "POST", "sip/routes/versions/" + version + "/rollback", null),
                RouteVersion.class);
    }

    /**
     * Replays numbers against two versions of the route table.
     *
     * @param caller the calling user, or null not to check one
     */
    public Comparison compareRoutes(int from, int to, String caller, List<String> numbers)
            throws ManagementException {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", from);
        body.put("to", to);
        if (caller != null) {
            body.put("caller", caller);
        }
        body.set("numbers", JSON.valueToTree(numbers));
        return ApiCalls.read(ApiCalls.send(api, "POST", "sip/routes/compare", body), Comparison.class);
    }

    /**
     * @param caller the calling user, or null not to check one
     * @param time when, or null for now
     */
    public Simulation simulate(String caller, String number, Instant time) throws ManagementException {
        StringBuilder q = new StringBuilder("sip/simulate?number=").append(ApiCalls.query(number));
        if (caller != null) {
            q.append("&caller=").append(ApiCalls.query(caller));
        }
        if (time != null) {
            q.append("&time=").append(ApiCalls.query(time.toString()));
        }
        return ApiCalls.read(api.get(q.toString()), Simulation.class);
    }

    public List<ActiveCall> calls() throws ManagementException {
        List<ActiveCall> out = new ArrayList<>();
        for (JsonNode c : api.get("sip/calls")) {
            JsonNode ids = c.path("callIds");
            out.add(new ActiveCall(c.path("id").asText(), c.path("state").asText(), ids.path(0).asText(null),
                    ids.path(1).asText(null), ApiCalls.text(c, "caller"), ApiCalls.text(c, "callee"), ApiCalls.text(c, "target"),
                    ApiCalls.instant(c, "start"), ApiCalls.instant(c, "answer")));
        }
        return out;
    }

    /** @param id the call's id or either leg's Call-ID */
    public boolean hangUp(String id) throws ManagementException {
        return ApiCalls.delete(api, "sip/calls/" + ApiCalls.path(id));
    }

    /** The lockouts in force, and what is never locked out. */
    public record Lockouts(List<Lockout> lockouts, List<String> trustedNetworks, long droppedFromLockedOut) {
    }

    public Lockouts lockouts() throws ManagementException {
        return ApiCalls.read(api.get("sip/lockouts"), Lockouts.class);
    }

    /** @return false when no such lockout was in force */
    public boolean unlock(Lockout lockout) throws ManagementException {
        return ApiCalls.delete(api, "sip/lockouts/" + ApiCalls.path(lockout.kind()) + "/" + ApiCalls.path(lockout.key()));
    }
}
