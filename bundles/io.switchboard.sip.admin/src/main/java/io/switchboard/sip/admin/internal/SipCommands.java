package io.switchboard.sip.admin.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.admin.PhoneBinding;
import io.switchboard.sip.api.admin.SwitchAdmin;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.sip.routing.Routing;
import io.switchboard.sip.routing.RoutingEngine;

/**
 * Gogo shell commands for the softswitch: {@code sip:status}, {@code sip:users},
 * {@code sip:user NAME PASSWORD [DISPLAY NAME]}, {@code sip:userdel NAME},
 * {@code sip:registrations [USER]}, {@code sip:unregister USER}, {@code sip:calls},
 * {@code sip:hangup ID}, {@code sip:trunks}, {@code sip:numbers}, {@code sip:importnumbers FILE},
 * {@code sip:routes}, {@code sip:simulate NUMBER [TIME] [CALLER]}, and to create or change
 * provisioning with {@code key=value} settings (keys as in the API's JSON; a change keeps the keys
 * not given): {@code sip:trunk NAME host=... port=...}, {@code sip:number NUMBER destination=...},
 * {@code sip:route NAME pattern=... trunks=a,b}, with {@code sip:trunkdel}, {@code sip:numberdel}
 * and {@code sip:routedel}. They return text, which the shell prints.
 */
@Component(service = SipCommands.class, property = { "osgi.command.scope=sip", "osgi.command.function=status",
        "osgi.command.function=users", "osgi.command.function=user", "osgi.command.function=userdel", "osgi.command.function=userdigest",
        "osgi.command.function=registrations", "osgi.command.function=unregister", "osgi.command.function=calls",
        "osgi.command.function=hangup", "osgi.command.function=trunks", "osgi.command.function=numbers",
        "osgi.command.function=importnumbers", "osgi.command.function=routes", "osgi.command.function=simulate",
        "osgi.command.function=trunk", "osgi.command.function=trunkdel", "osgi.command.function=number",
        "osgi.command.function=numberdel", "osgi.command.function=route", "osgi.command.function=routedel" })
public class SipCommands {

    private static final String NL = System.lineSeparator();

    @Reference
    private SwitchAdmin sip;
    @Reference
    private CallControl calls;
    @Reference
    private UserService users;
    @Reference
    private TrunkService trunkTable;
    @Reference
    private NumberService numberTable;
    @Reference
    private RouteService routeTable;
    @Reference
    private RoutingEngine routing;

    public String status() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : sip.status().entrySet()) {
            sb.append(String.format("%-20s %s%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    public String users() {
        StringBuilder sb = new StringBuilder(String.format("%-24s %-28s %-8s %s%n", "user", "display name", "enabled",
                "created"));
        for (SipUser u : users.users()) {
            sb.append(String.format("%-24s %-28s %-8s %s%n", u.username(), u.displayName() == null ? "" : u.displayName(),
                    u.enabled(), u.created()));
        }
        return sb.toString();
    }

    public String user(String name, String password) {
        return user(name, password, null);
    }

    /** Creates a user or sets its password and display name. */
    public String user(String name, String password, String displayName) {
        Optional<SipUser> old = users.user(name);
        users.save(new SipUser(name, displayName, true, null, old.map(SipUser::algorithms).orElse(null)), password);
        return (old.isPresent() ? "Changed" : "Created") + " SIP user " + name + NL;
    }

    /**
     * Shows or sets the digest algorithms a user is challenged with: {@code sip:userdigest alice
     * SHA-256,MD5}; {@code default} for the server's setting.
     */
    public String userdigest(String name, String... algorithms) {
        Optional<SipUser> user = users.user(name);
        if (user.isEmpty()) {
            return "No SIP user " + name + NL;
        }
        if (algorithms.length > 0) {
            SipUser u = user.get();
            users.save(new SipUser(name, u.displayName(), u.enabled(), u.created(), algorithms[0].equals("default")
                    ? null : Arrays.stream(String.join(",", algorithms).split(",")).map(String::trim)
                            .filter(a -> !a.isEmpty()).toList()), null, null, u.version());
        }
        List<String> own = users.user(name).orElseThrow().algorithms();
        return name + ": " + (own == null ? "the server's setting " + sip.defaultAlgorithms() : own) + NL;
    }

    public String userdel(String name) {
        sip.unregisterAll(name);
        return (users.delete(name) ? "Removed SIP user " : "No SIP user ") + name + NL;
    }

    public String registrations() {
        return bindings(sip.bindings(null));
    }

    public String registrations(String user) {
        return bindings(sip.bindings(user));
    }

    public String unregister(String user) {
        return "Removed " + sip.unregisterAll(user) + " registration(s) of " + user + NL;
    }

    public String calls() {
        StringBuilder sb = new StringBuilder(String.format("%-36s %-9s %-16s %-16s %s%n", "id", "state", "caller",
                "callee", "since"));
        for (Map<String, Object> c : sip.calls()) {
            sb.append(String.format("%-36s %-9s %-16s %-16s %s%n", c.get("id"), c.get("state"), c.get("caller"),
                    c.get("callee"), c.get("answer") != null ? c.get("answer") : c.get("start")));
        }
        return sb.toString();
    }

    public String hangup(String id) {
        return (calls.hangUp(id) ? "Hung up " : "No active call ") + id + NL;
    }

    public String trunks() {
        StringBuilder sb = new StringBuilder(String.format("%-16s %-9s %-26s %-8s %-9s %s%n", "trunk", "state", "since",
                "rtt ms", "channels", "registration"));
        for (Map<String, Object> t : sip.trunks()) {
            sb.append(String.format("%-16s %-9s %-26s %-8s %-9s %s%n", t.get("name"), t.get("state"), t.get("since"),
                    t.get("rttMillis"), t.get("channels") + "/" + t.get("maxChannels"),
                    t.get("registration") == null ? "" : t.get("registration")));
        }
        return sb.toString();
    }

    public String numbers() throws IOException {
        StringWriter out = new StringWriter();
        NumbersCsv.write(numberTable.numbers(), out);
        return out.toString();
    }

    /** Imports numbers from a CSV file (see the admin guide for its columns). */
    public String importnumbers(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            NumbersCsv.Report r = NumbersCsv.read(in, routing::e164, routing::destinationProblem, numberTable);
            StringBuilder sb = new StringBuilder("Saved " + r.saved() + " number(s)" + NL);
            r.errors().forEach(e -> sb.append(file).append(':').append(e.get("line")).append(": ").append(e.get("error"))
                    .append(NL));
            return sb.toString();
        }
    }

    public String routes() {
        StringBuilder sb = new StringBuilder(String.format("%-16s %5s %-18s %5s %-8s %-24s %s%n", "route", "prio",
                "pattern", "strip", "prepend", "when", "trunks"));
        for (Route r : routeTable.routes()) {
            sb.append(String.format("%-16s %5d %-18s %5d %-8s %-24s %s%s%n", r.name(), r.priority(), r.pattern(),
                    r.strip(), r.prepend() == null ? "" : r.prepend(),
                    r.schedule() != null ? "schedule " + r.schedule() : r.hasOwnWindow() ? r.days() + " "
                            + (r.timeFrom() == null ? "" : r.timeFrom() + "-" + r.timeTo()) : "always",
                    String.join(",", r.trunks()), r.enabled() ? "" : " (disabled)"));
        }
        return sb.toString();
    }

    public String simulate(String number) {
        return simulate(number, null, null);
    }

    public String simulate(String number, String time) {
        return simulate(number, time, null);
    }

    /** What an outbound call to the number at the time would do, and why. */
    public String simulate(String number, String time, String caller) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : RouteSimulator.simulate(routing, caller, number, time).entrySet()) {
            if (e.getValue() instanceof List<?> list) {
                sb.append(e.getKey()).append(':').append(NL);
                list.forEach(x -> sb.append("  ").append(x).append(NL));
            } else {
                sb.append(String.format("%-8s %s%n", e.getKey() + ":", e.getValue()));
            }
        }
        return sb.toString();
    }

    /** Creates a trunk or changes the settings given: {@code sip:trunk carrier host=sip.example.net port=5060}. */
    public String trunk(String name, String... settings) {
        TrunkService p = trunkTable;
        Optional<Trunk> old = p.trunk(name);
        ObjectNode json = ProvisioningJson.merge(old.map(t -> (ObjectNode) SipServlet.JSON.valueToTree(t))
                .orElseGet(SipServlet.JSON::createObjectNode), settings, ProvisioningJson.TRUNK_KEYS);
        json.remove("password"); // write-only: kept out of the record, passed on alone
        p.save(ProvisioningJson.trunk(name, json), password(settings));
        return (old.isPresent() ? "Changed" : "Created") + " trunk " + name + NL;
    }

    public String trunkdel(String name) {
        return (trunkTable.delete(name) ? "Removed trunk " : "No trunk ") + name + NL;
    }

    /** Creates a number or changes the settings given: {@code sip:number +442071110001 destination=alice}. */
    public String number(String raw, String... settings) {
        String number = routing.e164(raw);
        if (number == null) {
            throw new IllegalArgumentException("Invalid number '" + raw + "': not a telephone number");
        }
        NumberService p = numberTable;
        Optional<PhoneNumber> old = p.number(number);
        ObjectNode json = ProvisioningJson.merge(old.map(d -> (ObjectNode) SipServlet.JSON.valueToTree(d))
                .orElseGet(SipServlet.JSON::createObjectNode), settings, ProvisioningJson.NUMBER_KEYS);
        PhoneNumber did = ProvisioningJson.number(number, json, numberTable.number(number).map(PhoneNumber::lifecycle)
                .orElse(null));
        ProvisioningJson.check(did, routing);
        p.save(List.of(did));
        return (old.isPresent() ? "Changed" : "Created") + " number " + number + NL;
    }

    public String numberdel(String raw) {
        String number = routing.e164(raw);
        return (number != null && numberTable.delete(number) ? "Removed number " : "No number ") + raw
                + NL;
    }

    /** Creates a route or changes the settings given: {@code sip:route uk pattern=+44. trunks=carrier-a,carrier-b}. */
    public String route(String name, String... settings) {
        RouteService p = routeTable;
        Optional<Route> old = p.route(name);
        ObjectNode json = ProvisioningJson.merge(old.map(r -> (ObjectNode) SipServlet.JSON.valueToTree(r))
                .orElseGet(SipServlet.JSON::createObjectNode), settings, ProvisioningJson.ROUTE_KEYS);
        p.save(ProvisioningJson.route(name, json));
        return (old.isPresent() ? "Changed" : "Created") + " route " + name + NL;
    }

    public String routedel(String name) {
        return (routeTable.delete(name) ? "Removed route " : "No route ") + name + NL;
    }

    private static String password(String[] settings) {
        for (String s : settings) {
            if (s.startsWith("password=") && s.length() > "password=".length()) {
                return s.substring("password=".length());
            }
        }
        return null;
    }

    private static String bindings(List<PhoneBinding> bindings) {
        StringBuilder sb = new StringBuilder(String.format("%-20s %-44s %-5s %-22s %s%n", "user", "contact", "q",
                "expires", "from"));
        for (PhoneBinding b : bindings) {
            sb.append(String.format("%-20s %-44s %-5s %-22s %s%n", b.username(), b.contact(),
                    b.q() == null ? "" : b.q(), b.expiresAt(), b.source()));
        }
        return sb.toString();
    }
}
