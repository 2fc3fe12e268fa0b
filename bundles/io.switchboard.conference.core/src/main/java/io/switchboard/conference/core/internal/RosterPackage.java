package io.switchboard.conference.core.internal;

import java.io.ByteArrayOutputStream;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.conference.api.Participant;
import io.switchboard.conference.api.Room;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;

/**
 * The conference event package (RFC 4575): a phone subscribes to a room's number and gets its
 * roster, whole, at each change: who is in it, muted or not, the moderators. A PIN room's roster
 * is for those who entered the PIN: its participants, while they are in it, and the roster watchers
 * (operators' consoles, {@link ConferenceSettings#rosterWatchers()}); the admin API shows it to
 * operators and admins.
 */
@Component(service = EventPackage.class)
public class RosterPackage implements EventPackage {

    static final String EVENT = "conference";
    static final String NS = "urn:ietf:params:xml:ns:conference-info";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final ConferenceService conferences;

    @Activate
    public RosterPackage(@Reference ConferenceService conferences) {
        this.conferences = conferences;
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return "application/conference-info+xml";
    }

    @Override
    public boolean targets() {
        return true;
    }

    @Override
    public String refusal(String subscriber, String resource) {
        Room room = conferences.room(resource).orElse(null);
        if (room == null) {
            return resource + " is not a conference room";
        }
        return mayWatch(room, subscriber) ? null : "The roster of room " + resource + " is shown to those who "
                + "entered its PIN and to the roster watchers (" + ConferenceSettings.PID + " rosterWatchers)";
    }

    /** @return whether the user may see who is in the room now */
    private boolean mayWatch(Room room, String user) {
        return !PinEntry.needed(room) || conferences.rosterWatchers().contains(user)
                || conferences.entered(room.number(), user);
    }

    @Override
    public byte[] state(Subscription subscription) {
        String number = subscription.resource();
        Room room = conferences.room(number).orElse(null);
        // a participant who left sees an empty roster until its subscription ends
        List<Participant> shown = room == null || mayWatch(room, subscription.subscriber())
                ? conferences.participants(number) : List.of();
        return document(room, shown, subscription.uri(), subscription.version());
    }

    /** @return the roster as a conference-info document (state "full") */
    static byte[] document(Room room, List<Participant> people, String entity, long version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("conference-info");
            w.writeDefaultNamespace(NS);
            w.writeAttribute("entity", entity);
            w.writeAttribute("state", "full");
            w.writeAttribute("version", Long.toString(version));
            if (room != null && room.name() != null) {
                w.writeStartElement("conference-description");
                text(w, "display-text", room.name());
                w.writeEndElement();
            }
            List<Participant> in = people.stream().filter(p -> p.joined() != null).toList();
            w.writeStartElement("conference-state");
            text(w, "user-count", Integer.toString(in.size()));
            w.writeEndElement();
            w.writeStartElement("users");
            for (Participant p : in) {
                // the participant's address at the room's host: the room's own with the caller in place of its number
                String who = p.caller().contains(":") ? p.caller() : "sip:" + p.caller()
                        + entity.substring(Math.max(0, entity.indexOf('@')));
                w.writeStartElement("user");
                w.writeAttribute("entity", who);
                w.writeAttribute("state", "full");
                if (p.callerName() != null) {
                    text(w, "display-text", p.callerName());
                }
                w.writeStartElement("roles");
                text(w, "entry", p.moderator() ? "moderator" : "participant");
                w.writeEndElement();
                w.writeStartElement("endpoint");
                w.writeAttribute("entity", who + ";call=" + p.callId());
                text(w, "status", "connected");
                w.writeStartElement("joining-info");
                text(w, "when", p.joined().toString());
                w.writeEndElement();
                w.writeStartElement("media");
                w.writeAttribute("id", "audio");
                text(w, "type", "audio");
                text(w, "status", p.muted() ? "recvonly" : "sendrecv");
                w.writeEndElement();
                if (p.video() != null) {
                    // sendrecv: theirs is the video everyone sees; recvonly: they see the talker's
                    w.writeStartElement("media");
                    w.writeAttribute("id", "video");
                    text(w, "type", "video");
                    text(w, "status", p.video().shown() ? "sendrecv" : "recvonly");
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the roster: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
