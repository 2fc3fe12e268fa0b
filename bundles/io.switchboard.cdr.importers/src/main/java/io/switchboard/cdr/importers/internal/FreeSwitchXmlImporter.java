package io.switchboard.cdr.importers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.switchboard.cdr.api.CdrImporter;
import io.switchboard.cdr.api.ImportSink;
import io.switchboard.platform.api.PluginInfo;

/**
 * FreeSWITCH mod_xml_cdr: a {@code <cdr>} document (or several {@code <cdr>} elements under one
 * root) whose {@code <variables>} children are mapped. External entities and DTDs are refused.
 */
@Component(property = CdrImporter.FORMAT + "=freeswitch-xml")
@PluginInfo(name = "cdr-import-freeswitch-xml", vendor = "Switchboard", description = "FreeSWITCH mod_xml_cdr")
public class FreeSwitchXmlImporter implements CdrImporter {

    @Override
    public void read(String source, String fileName, InputStream in, ImportSink sink) throws IOException {
        Document doc;
        try {
            doc = builder().parse(in);
        } catch (SAXParseException e) {
            sink.error(e.getLineNumber(), "not valid XML: " + e.getMessage());
            return;
        } catch (SAXException e) {
            sink.error(0, "not valid XML: " + e.getMessage());
            return;
        }
        Element root = doc.getDocumentElement();
        NodeList cdrs = root.getTagName().equals("cdr") ? null : root.getElementsByTagName("cdr");
        int count = cdrs == null ? 1 : cdrs.getLength();
        for (int i = 0; i < count; i++) {
            Element cdr = cdrs == null ? root : (Element) cdrs.item(i);
            NodeList vars = cdr.getElementsByTagName("variables");
            if (vars.getLength() == 0) {
                sink.error(i + 1, "no <variables>: not a mod_xml_cdr record");
                continue;
            }
            Map<String, String> v = new LinkedHashMap<>();
            for (Node n = vars.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) {
                    v.put(n.getNodeName(), n.getTextContent());
                }
            }
            try {
                sink.record(i + 1, FreeSwitchMapping.map(source, v));
            } catch (IllegalArgumentException e) {
                sink.error(i + 1, e.getMessage());
            }
        }
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException("No safe XML parser", e);
        }
    }
}
