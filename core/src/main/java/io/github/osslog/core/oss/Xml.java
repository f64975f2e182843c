package io.github.osslog.core.oss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Minimal, hardened (no DTDs, no external entities) XML reading for OSS response bodies. Stateless. */
final class Xml {
    private static final DocumentBuilderFactory FACTORY = newFactory();

    private Xml() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        f.setNamespaceAware(false);
        return f;
    }

    /** Parses a document; the caller decides what a malformed body means. */
    static Element parse(byte[] body) throws IOException {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(body));
            return doc.getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("malformed XML in OSS response: " + e.getMessage(), e);
        }
    }

    /** The text of each direct child element of the root, or an empty map when the bytes are not XML. */
    static Map<String, String> flatFields(byte[] xml) {
        if (xml.length == 0) {
            return Collections.emptyMap();
        }
        try {
            return childTexts(parse(xml));
        } catch (IOException notXml) {
            return Collections.emptyMap();
        }
    }

    /** The text of each direct child element of {@code parent} that has no element children. */
    static Map<String, String> childTexts(Element parent) {
        Map<String, String> fields = new HashMap<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && !hasElementChild(n)) {
                fields.put(n.getNodeName(), n.getTextContent());
            }
        }
        return fields;
    }

    /** The direct child elements of {@code parent} named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static boolean hasElementChild(Node node) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }
}
