package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.borderedge.sim.camera.IsapiPush;
import org.junit.jupiter.api.Test;

class IsapiAlertParserTest {

    private final IsapiAlertParser parser = new IsapiAlertParser();

    private IsapiAlert parse(String xml) throws MalformedPushException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private String failure(String xml) {
        return assertThrows(MalformedPushException.class, () -> parse(xml)).getMessage();
    }

    @Test
    void readsTheEmulatorsAnprEvent() throws Exception {
        IsapiAlert a = parse(IsapiPush.anpr("51F-678.90").withConfidence(87).withChannel(2).withCameraAddress("10.0.0.21").xml());
        assertTrue(a.isAnpr());
        assertEquals("51F-678.90", a.plate());
        assertEquals(87, a.confidence());
        assertEquals(2, a.channelId());
        assertEquals("10.0.0.21", a.ipAddress());
        assertEquals("forward", a.direction());
        assertEquals("yellow", a.plateColor());
        assertEquals("truck", a.vehicleType());
        assertNotNull(a.cameraTime());
    }

    @Test
    void readsHikvisionNamespaceWithVehicleInfoAndUnknownPlate() throws Exception {
        IsapiAlert a = parse("<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"
                + "<ipAddress>10.0.0.5</ipAddress><channelID>1</channelID><dateTime>2026-11-23T08:15:30+07:00</dateTime>"
                + "<eventType>ANPR</eventType><ANPR><licensePlate>unknown</licensePlate><confidenceLevel>0</confidenceLevel>"
                + "<vehicleInfo><vehicleType>vehicle</vehicleType></vehicleInfo></ANPR></EventNotificationAlert>");
        assertFalse(a.hasPlate(), "Hikvision reports an unread plate as 'unknown'");
        assertEquals("vehicle", a.vehicleType());
    }

    @Test
    void aHeartbeatIsNotAnAnprEvent() throws Exception {
        IsapiAlert a = parse("<EventNotificationAlert><eventType>videoloss</eventType><eventState>inactive</eventState>"
                + "</EventNotificationAlert>");
        assertFalse(a.isAnpr());
        assertFalse(a.hasPlate());
    }

    @Test
    void namesWhatIsWrong() {
        assertTrue(failure("").contains("empty"));
        assertTrue(failure("<EventNotificationAlert><eventType>ANPR</eventType>").contains("not well-formed"));
        assertTrue(failure("<Other/>").contains("expected <EventNotificationAlert>"));
        assertTrue(failure("<EventNotificationAlert/>").contains("no <eventType>"));
        assertTrue(failure("<EventNotificationAlert><eventType>ANPR</eventType></EventNotificationAlert>").contains("without an <ANPR>"));
        assertTrue(failure("<EventNotificationAlert><eventType>ANPR</eventType><ANPR><licensePlate>X</licensePlate>"
                + "<confidenceLevel>high</confidenceLevel></ANPR></EventNotificationAlert>").contains("confidenceLevel 'high'"));
        assertTrue(failure("<EventNotificationAlert><eventType>ANPR</eventType><ANPR><licensePlate>X</licensePlate>"
                + "<confidenceLevel>250</confidenceLevel></ANPR></EventNotificationAlert>").contains("outside 0..100"));
        assertTrue(failure("<EventNotificationAlert><channelID>one</channelID><eventType>x</eventType></EventNotificationAlert>")
                .contains("channelID"));
    }

    @Test
    void refusesDoctypesSoExternalEntitiesCannotBeRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<EventNotificationAlert><eventType>ANPR</eventType><ANPR><licensePlate>&x;</licensePlate></ANPR>"
                + "</EventNotificationAlert>";
        assertTrue(failure(xxe).toUpperCase().contains("DOCTYPE"), failure(xxe));
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<EventNotificationAlert><eventType>&b;</eventType></EventNotificationAlert>";
        assertThrows(MalformedPushException.class, () -> parse(bomb));
    }

    @Test
    void refusesOversizedDocuments() {
        byte[] big = new byte[IsapiAlertParser.MAX_XML_BYTES + 1];
        assertTrue(assertThrows(MalformedPushException.class, () -> parser.parse(big)).getMessage().contains("more than"));
    }
}
