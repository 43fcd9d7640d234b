package org.borderedge.camera.internal;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Reads an EventNotificationAlert. Cameras use different namespaces (hikvision.com ver20, isapi.org)
 * so elements are matched by local name. The document arrives from the network: DOCTYPEs and
 * external entities are refused outright, which shuts out XXE and entity-expansion attacks.
 */
final class IsapiAlertParser {

    static final int MAX_XML_BYTES = 256 * 1024;

    private final DocumentBuilderFactory factory;

    IsapiAlertParser() {
        factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be made safe for camera input", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    }

    IsapiAlert parse(byte[] xml) throws MalformedPushException {
        if (xml == null || xml.length == 0) {
            throw new MalformedPushException("event XML is empty");
        }
        if (xml.length > MAX_XML_BYTES) {
            throw new MalformedPushException("event XML is " + xml.length + " bytes, more than the " + MAX_XML_BYTES + " allowed");
        }
        Document doc;
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new MalformedPushException("event XML is not well-formed at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage());
        } catch (Exception e) {
            throw new MalformedPushException("event XML cannot be read: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"EventNotificationAlert".equals(localName(root))) {
            throw new MalformedPushException("root element is <" + localName(root) + ">, expected <EventNotificationAlert>");
        }
        String eventType = text(root, "eventType");
        if (eventType.isEmpty()) {
            throw new MalformedPushException("EventNotificationAlert has no <eventType>");
        }
        Element anpr = child(root, "ANPR");
        String plate = "";
        int confidence = -1;
        String plateColor = "";
        String plateType = "";
        String direction = "";
        String vehicleType = "";
        if (anpr != null) {
            plate = text(anpr, "licensePlate");
            if (plate.equalsIgnoreCase("unknown") || plate.equals("-")) {
                plate = "";
            }
            String level = text(anpr, "confidenceLevel");
            if (!level.isEmpty()) {
                confidence = parseInt(level, "ANPR/confidenceLevel");
                if (confidence < 0 || confidence > 100) {
                    throw new MalformedPushException("ANPR/confidenceLevel " + confidence + " is outside 0..100");
                }
            }
            plateColor = text(anpr, "plateColor");
            plateType = text(anpr, "plateType");
            direction = text(anpr, "direction");
            vehicleType = text(anpr, "vehicleType");
            if (vehicleType.isEmpty()) {
                Element info = child(anpr, "vehicleInfo");
                vehicleType = info == null ? "" : text(info, "vehicleType");
            }
        } else if ("ANPR".equalsIgnoreCase(eventType)) {
            throw new MalformedPushException("ANPR event without an <ANPR> block");
        }
        String channel = text(root, "channelID");
        int channelId = channel.isEmpty() ? 0 : parseInt(channel, "channelID");
        OffsetDateTime cameraTime = null;
        String dateTime = text(root, "dateTime");
        if (!dateTime.isEmpty()) {
            try {
                cameraTime = OffsetDateTime.parse(dateTime);
            } catch (DateTimeParseException e) {
                cameraTime = null;
            }
        }
        return new IsapiAlert(eventType, text(root, "ipAddress"), channelId, cameraTime, plate, confidence,
                plateColor, plateType, direction, vehicleType);
    }

    private static int parseInt(String value, String field) throws MalformedPushException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MalformedPushException(field + " '" + abbreviate(value) + "' is not a number");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && name.equals(localName(n))) {
                return (Element) n;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };
}
