package io.switchboard.emergency.core.internal;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.switchboard.emergency.api.CivicAddress;

/**
 * The PIDF-LO document of an emergency call (RFC 4119, with the civic address of RFC 5139): one
 * tuple whose status carries the location, its usage rules and how it was determined. Written with
 * StAX, so a field's text can never break the document.
 */
final class PidfLo {

    static final String PIDF = "urn:ietf:params:xml:ns:pidf";
    static final String GP = "urn:ietf:params:xml:ns:pidf:geopriv10";
    static final String CA = "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr";
    private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();

    private PidfLo() {
    }

    /**
     * @param entity the presentity, "pres:alice@example.com"
     * @param method how the location was determined (RFC 4119's method: "Manual" for an address on file)
     */
    static String of(String entity, CivicAddress a, String method, Instant at) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(PIDF);
            w.setPrefix("gp", GP);
            w.setPrefix("ca", CA);
            w.writeStartElement(PIDF, "presence");
            w.writeDefaultNamespace(PIDF);
            w.writeNamespace("gp", GP);
            w.writeNamespace("ca", CA);
            w.writeAttribute("entity", entity);
            w.writeStartElement(PIDF, "tuple");
            w.writeAttribute("id", "location");
            w.writeStartElement(PIDF, "status");
            w.writeStartElement(GP, "geopriv");
            w.writeStartElement(GP, "location-info");
            w.writeStartElement(CA, "civicAddress");
            w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
            // RFC 5139's schema is a sequence: the fields go in its order
            element(w, "country", a.country());
            element(w, "A1", a.a1());
            element(w, "A3", a.a3());
            element(w, "RD", a.rd());
            element(w, "HNO", a.hno());
            element(w, "HNS", a.hns());
            element(w, "LOC", a.loc());
            element(w, "FLR", a.flr());
            element(w, "NAM", a.nam());
            element(w, "PC", a.pc());
            element(w, "ROOM", a.room());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEmptyElement(GP, "usage-rules");
            w.writeStartElement(GP, "method");
            w.writeCharacters(method);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement(PIDF, "timestamp");
            w.writeCharacters(at.truncatedTo(ChronoUnit.SECONDS).toString());
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write a PIDF-LO: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            w.writeStartElement(CA, name);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }
}
