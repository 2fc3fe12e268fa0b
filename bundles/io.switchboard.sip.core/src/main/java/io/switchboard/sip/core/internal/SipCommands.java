package io.switchboard.sip.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell commands for the softswitch: {@code sip:status}, {@code sip:users},
 * {@code sip:user NAME PASSWORD [DISPLAY NAME]}, {@code sip:userdel NAME},
 * {@code sip:registrations [USER]}, {@code sip:unregister USER}, {@code sip:calls},
 * {@code sip:hangup ID}. They return text, which the shell prints.
 */
@Component(service = SipCommands.class, property = { "osgi.command.scope=sip", "osgi.command.function=status",
        "osgi.command.function=users", "osgi.command.function=user", "osgi.command.function=userdel",
        "osgi.command.function=registrations", "osgi.command.function=unregister", "osgi.command.function=calls",
        "osgi.command.function=hangup" })
public class SipCommands {

    private static final String NL = System.lineSeparator();

    @Reference
    private SipServer sip;
    @Reference
    private SipStore store;

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
        for (SipStore.User u : store.users()) {
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
        boolean exists = store.user(name).isPresent();
        store.saveUser(name, displayName, password, sip.realm(), true);
        return (exists ? "Changed" : "Created") + " SIP user " + name + NL;
    }

    public String userdel(String name) {
        return (store.deleteUser(name) ? "Removed SIP user " : "No SIP user ") + name + NL;
    }

    public String registrations() {
        return bindings(store.allBindings(Instant.now()));
    }

    public String registrations(String user) {
        return bindings(store.bindings(user, Instant.now()));
    }

    public String unregister(String user) {
        return "Removed " + store.unbindAll(user) + " registration(s) of " + user + NL;
    }

    public String calls() {
        StringBuilder sb = new StringBuilder(String.format("%-36s %-9s %-16s %-16s %s%n", "id", "state", "caller",
                "callee", "since"));
        for (Map<String, Object> c : sip.activeCalls()) {
            sb.append(String.format("%-36s %-9s %-16s %-16s %s%n", c.get("id"), c.get("state"), c.get("caller"),
                    c.get("callee"), c.get("answer") != null ? c.get("answer") : c.get("start")));
        }
        return sb.toString();
    }

    public String hangup(String id) {
        return (sip.b2bua().hangup(id) ? "Hung up " : "No active call ") + id + NL;
    }

    private static String bindings(List<SipStore.Binding> bindings) {
        StringBuilder sb = new StringBuilder(String.format("%-20s %-44s %-5s %-22s %s%n", "user", "contact", "q",
                "expires", "from"));
        for (SipStore.Binding b : bindings) {
            sb.append(String.format("%-20s %-44s %-5s %-22s %s%n", b.username(), b.contact(),
                    b.q() == null ? "" : b.q(), b.expiresAt(), b.source()));
        }
        return sb.toString();
    }
}
