package org.borderedge.sim.camera;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An ISAPI-style ANPR push as a smart camera sends it: a multipart/form-data body with
 * {@code anpr.xml} (EventNotificationAlert), {@code licensePlatePicture.jpg} and
 * {@code detectionPicture.jpg}. Built immutably; {@link #body()} and {@link #contentType()} give
 * what goes on the wire. Tests use {@link #withXml} and {@link #withoutPicture} to send broken ones.
 */
public record IsapiPush(String plate, int confidence, int channel, String cameraAddress, String direction,
        String plateColor, OffsetDateTime time, String xmlOverride, Map<String, byte[]> pictures, String boundary) {

    public IsapiPush {
        pictures = Map.copyOf(pictures);
    }

    /** An ANPR event for {@code plate} (display form or bare) with confidence 95 on channel 1. */
    public static IsapiPush anpr(String plate) {
        return new IsapiPush(plate, 95, 1, "127.0.0.1", "forward", "yellow",
                OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.SECONDS), null, Map.of(),
                "boundary" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    public IsapiPush withConfidence(int level) {
        return new IsapiPush(plate, level, channel, cameraAddress, direction, plateColor, time, xmlOverride, pictures, boundary);
    }

    public IsapiPush withChannel(int id) {
        return new IsapiPush(plate, confidence, id, cameraAddress, direction, plateColor, time, xmlOverride, pictures, boundary);
    }

    public IsapiPush withCameraAddress(String address) {
        return new IsapiPush(plate, confidence, channel, address, direction, plateColor, time, xmlOverride, pictures, boundary);
    }

    /** Replaces the generated XML part with these exact characters (malformed-input tests). */
    public IsapiPush withXml(String xml) {
        return new IsapiPush(plate, confidence, channel, cameraAddress, direction, plateColor, time, xml, pictures, boundary);
    }

    /** Sets a picture part, e.g. {@code licensePlatePicture.jpg}. */
    public IsapiPush withPicture(String partName, byte[] jpeg) {
        Map<String, byte[]> p = new LinkedHashMap<>(pictures);
        p.put(partName, jpeg);
        return new IsapiPush(plate, confidence, channel, cameraAddress, direction, plateColor, time, xmlOverride, p, boundary);
    }

    public IsapiPush withoutPicture(String partName) {
        Map<String, byte[]> p = new LinkedHashMap<>(pictures);
        p.remove(partName);
        return new IsapiPush(plate, confidence, channel, cameraAddress, direction, plateColor, time, xmlOverride, p, boundary);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public String xml() {
        if (xmlOverride != null) {
            return xmlOverride;
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">\n"
                + "<ipAddress>" + escape(cameraAddress) + "</ipAddress>\n"
                + "<portNo>80</portNo>\n"
                + "<protocol>HTTP</protocol>\n"
                + "<channelID>" + channel + "</channelID>\n"
                + "<dateTime>" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) + "</dateTime>\n"
                + "<activePostCount>1</activePostCount>\n"
                + "<eventType>ANPR</eventType>\n"
                + "<eventState>active</eventState>\n"
                + "<eventDescription>ANPR</eventDescription>\n"
                + "<ANPR>\n"
                + "<licensePlate>" + escape(plate) + "</licensePlate>\n"
                + "<line>1</line>\n"
                + "<direction>" + escape(direction) + "</direction>\n"
                + "<confidenceLevel>" + confidence + "</confidenceLevel>\n"
                + "<plateType>unknown</plateType>\n"
                + "<plateColor>" + escape(plateColor) + "</plateColor>\n"
                + "<vehicleType>truck</vehicleType>\n"
                + "</ANPR>\n"
                + "</EventNotificationAlert>\n";
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, "anpr.xml", "anpr.xml", "application/xml", xml().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> p : pictures.entrySet()) {
            part(out, p.getKey(), p.getKey(), "image/jpeg", p.getValue());
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void part(ByteArrayOutputStream out, String name, String fileName, String type, byte[] content) {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
