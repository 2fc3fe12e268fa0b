package io.switchboard.presence.core.internal;

import java.util.Optional;

import io.switchboard.sip.api.Registrations;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;
import io.switchboard.sip.api.subscription.Subscriptions;

/**
 * Presence (RFC 3856) as a PIDF document (RFC 3863) with RPID activities (RFC 4480). A user's phone
 * may publish it (PUBLISH, RFC 3903: away, offline, a note); its document is served as it came.
 * Otherwise, and always while the user is in a call (ringing or talking), it is derived from what
 * the switch sees: open while a phone of the user is registered, closed when none is, on-the-phone
 * during a call.
 */
final class PresencePackage implements EventPackage {

    static final String EVENT = "presence";
    private static final String PIDF = "urn:ietf:params:xml:ns:pidf";
    private static final String DM = "urn:ietf:params:xml:ns:pidf:data-model";
    private static final String RPID = "urn:ietf:params:xml:ns:pidf:rpid";

    private final UserDialogs dialogs;
    private final Registrations registrations;
    private final Subscriptions subscriptions;

    PresencePackage(UserDialogs dialogs, Registrations registrations, Subscriptions subscriptions) {
        this.dialogs = dialogs;
        this.registrations = registrations;
        this.subscriptions = subscriptions;
    }

    @Override
    public boolean publishable() {
        return true;
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return "application/pidf+xml";
    }

    @Override
    public String refusal(String subscriber, String resource) {
        return null; // colleagues see each other, as the busy lamps do
    }

    @Override
    public byte[] state(Subscription subscription) {
        String user = subscription.resource();
        boolean open = registrations.phones(user) > 0;
        boolean onThePhone = dialogs.of(user).stream().anyMatch(d -> !"terminated".equals(d.state()));
        if (!onThePhone) {
            Optional<byte[]> published = subscriptions.published(EVENT, user);
            if (published.isPresent()) {
                return published.get();
            }
        }
        return XmlDocuments.write("the presence of " + user, w -> {
            w.writeStartElement("presence");
            w.writeDefaultNamespace(PIDF);
            w.writeNamespace("dm", DM);
            w.writeNamespace("rpid", RPID);
            w.writeAttribute("entity", subscription.uri());
            w.writeStartElement("tuple");
            w.writeAttribute("id", "t-" + Integer.toHexString(user.hashCode()));
            w.writeStartElement("status");
            XmlDocuments.element(w, "basic", open ? "open" : "closed");
            w.writeEndElement();
            w.writeEndElement();
            if (onThePhone) {
                w.writeStartElement("dm", "person", DM);
                w.writeAttribute("id", "p-" + Integer.toHexString(user.hashCode()));
                w.writeStartElement("rpid", "activities", RPID);
                w.writeEmptyElement("rpid", "on-the-phone", RPID);
                w.writeEndElement();
                w.writeStartElement("dm", "note", DM);
                w.writeCharacters("On the phone");
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }
}
