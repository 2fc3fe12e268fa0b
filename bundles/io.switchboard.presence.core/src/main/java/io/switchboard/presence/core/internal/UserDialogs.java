package io.switchboard.presence.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The calls each user is in, as the dialog event package (RFC 4235) shows them: one dialog per call,
 * the user's side of it (initiator or recipient), its state (trying, early, confirmed, terminated)
 * and the other party. Derived from the switch's call events of this server.
 */
final class UserDialogs {

    /** One call of a user. */
    record Dialog(String id, String callId, boolean initiator, String state, String remote, Instant since) {
    }

    static final String NS = "urn:ietf:params:xml:ns:dialog-info";

    /** The key of the opaque ids: new at each start, so that an id tells nothing across restarts either. */
    private final byte[] key = new byte[32];
    private final Map<String, Map<String, Dialog>> byUser = new ConcurrentHashMap<>();
    /**
     * The call that just ended, seen only by the thread that tells of its end: a SUBSCRIBE answered
     * meanwhile on another thread must not show it again.
     */
    private final ThreadLocal<Ending> ending = new ThreadLocal<>();

    private record Ending(String user, Dialog dialog) {
    }

    UserDialogs() {
        new SecureRandom().nextBytes(key);
    }

    void put(String user, Dialog d) {
        byUser.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(d.id(), d);
    }

    /** @return the user's dialog of this call, or null */
    Dialog get(String user, String id) {
        Map<String, Dialog> calls = byUser.get(user);
        return calls == null ? null : calls.get(id);
    }

    void remove(String user, String id) {
        byUser.computeIfPresent(user, (u, calls) -> {
            calls.remove(id);
            return calls.isEmpty() ? null : calls;
        });
    }

    /**
     * Shows the user's ended call to what {@code notify} sends from this thread, while every other
     * reader already sees it gone.
     */
    void ended(String user, Dialog d, Runnable notify) {
        remove(user, d.id());
        ending.set(new Ending(user, d));
        try {
            notify.run();
        } finally {
            ending.remove();
        }
    }

    /** @return the user's dialogs, oldest first */
    List<Dialog> of(String user) {
        Map<String, Dialog> calls = byUser.get(user);
        List<Dialog> out = calls == null ? new ArrayList<>() : new ArrayList<>(calls.values());
        Ending end = ending.get();
        if (end != null && end.user().equals(user)) {
            out.add(end.dialog());
        }
        out.sort(Comparator.comparing(Dialog::since));
        return out;
    }

    /**
     * @param parties whether the watcher sees the other party and the call's SIP Call-ID; without,
     *            the dialog has an opaque id (the same for the call in every NOTIFY) and no remote
     * @return the user's whole state as a dialog-info document (state "full")
     */
    byte[] document(String user, String entity, long version, boolean parties) {
        return XmlDocuments.write("the dialog state of " + user, w -> {
            w.writeStartElement("dialog-info");
            w.writeDefaultNamespace(NS);
            w.writeAttribute("version", Long.toString(version));
            w.writeAttribute("state", "full");
            w.writeAttribute("entity", entity);
            for (Dialog d : of(user)) {
                w.writeStartElement("dialog");
                w.writeAttribute("id", parties ? d.id() : opaque(d.id()));
                if (parties) {
                    w.writeAttribute("call-id", d.callId());
                }
                w.writeAttribute("direction", d.initiator() ? "initiator" : "recipient");
                XmlDocuments.element(w, "state", d.state());
                if (parties && d.remote() != null) {
                    w.writeStartElement("remote");
                    XmlDocuments.element(w, "identity", d.remote().contains(":") ? d.remote() : "sip:" + d.remote()
                            + "@" + host(entity));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** @return an id for the call that tells nothing of it, the same each time on this server */
    private String opaque(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "d-" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HmacSHA256 in this Java", e);
        }
    }

    /** @return the host part of a sip: address, where the other party's name is written */
    private static String host(String entity) {
        int at = entity.indexOf('@');
        String rest = at < 0 ? "switchboard.invalid" : entity.substring(at + 1);
        int end = rest.indexOf(';');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
