package io.switchboard.presence.core.internal;

import java.io.ByteArrayOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The state documents of the event packages, written with StAX: escaping is the writer's, not ours. */
final class XmlDocuments {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** What goes between the XML declaration and the end of the document. */
    @FunctionalInterface
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private XmlDocuments() {
    }

    /** @param what the document, for the message of a failure ("the presence of bob") */
    static byte[] write(String what, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write " + what, e);
        }
        return out.toByteArray();
    }

    /** Writes {@code <name>text</name>}. */
    static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
