package io.switchboard.subscription.sip.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;

/**
 * The NOTIFY body of a resource list subscription (RFC 4662 section 5): multipart/related, its root
 * the list's RLMI document naming each member, then each member's state as the package writes it.
 * Always the full state: a phone that lost a NOTIFY is right again with the next one.
 */
final class ListBody {

    static final String BOUNDARY = "switchboard-rlmi-boundary";
    private static final String RLMI = "urn:ietf:params:xml:ns:rlmi";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private ListBody() {
    }

    /** @return the multipart/related Content-Type of {@link #of} */
    static String contentType() {
        return "multipart/related;type=\"application/rlmi+xml\";start=\"<list@switchboard>\";boundary=\"" + BOUNDARY
                + "\"";
    }

    static byte[] of(SubscriptionTable.Row row, EventPackage pkg, List<String> members) {
        String host = host(row.localUri());
        StringBuilder sb = new StringBuilder();
        part(sb, "list@switchboard", "application/rlmi+xml", rlmi(row, members, host));
        for (String member : members) {
            String uri = "sip:" + member + "@" + host;
            byte[] state = pkg.state(new Subscription(row.id(), row.event(), member, uri, row.subscriber(),
                    row.contact(), row.version(), row.expires()));
            part(sb, cid(member), pkg.contentType(), new String(state, StandardCharsets.UTF_8));
        }
        sb.append("--").append(BOUNDARY).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void part(StringBuilder sb, String cid, String type, String body) {
        sb.append("--").append(BOUNDARY).append("\r\n")
                .append("Content-Transfer-Encoding: binary\r\n")
                .append("Content-ID: <").append(cid).append(">\r\n")
                .append("Content-Type: ").append(type).append(";charset=\"UTF-8\"\r\n\r\n")
                .append(body).append("\r\n");
    }

    private static String rlmi(SubscriptionTable.Row row, List<String> members, String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("list");
            w.writeDefaultNamespace(RLMI);
            w.writeAttribute("uri", row.localUri());
            w.writeAttribute("version", Long.toString(row.version()));
            w.writeAttribute("fullState", "true");
            for (String member : members) {
                w.writeStartElement("resource");
                w.writeAttribute("uri", "sip:" + member + "@" + host);
                w.writeEmptyElement("instance");
                w.writeAttribute("id", member);
                w.writeAttribute("state", "active");
                w.writeAttribute("cid", cid(member));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the list " + row.resource(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String cid(String member) {
        return member.replaceAll("[^A-Za-z0-9._+-]", "_") + "@switchboard";
    }

    /** @return the host part of a sip: address, where the members' addresses are written */
    static String host(String uri) {
        int at = uri.indexOf('@');
        String rest = at < 0 ? uri.replaceFirst("^sips?:", "") : uri.substring(at + 1);
        int end = rest.indexOf(';');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
