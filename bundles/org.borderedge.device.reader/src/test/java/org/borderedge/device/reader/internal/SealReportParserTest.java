package org.borderedge.device.reader.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.testing.ShippedProfiles;
import org.junit.jupiter.api.Test;

class SealReportParserTest {

    private static final Instant T = Instant.parse("2026-11-23T01:00:00Z");
    private final SealReportParser line = new SealReportParser(ShippedProfiles.get("eseal-reader/generic-line").section("seal"));
    private final SealReportParser json = new SealReportParser(ShippedProfiles.get("eseal-reader/generic-json").section("seal"));

    @Test
    void lineReports() throws Rejected {
        Observation.SealObserved s = line.parse("SEAL,VNSEAL-0001,LOCKED,87,21.8537,106.7615", T);
        assertEquals("VNSEAL-0001", s.sealId());
        assertEquals(SealLock.LOCKED, s.lock());
        assertEquals(87, s.batteryPct());
        assertEquals(21.8537, s.latitude());
        assertEquals(106.7615, s.longitude());
        Observation.SealObserved bare = line.parse("SEAL,VNSEAL-0002,TAMPERED,,,", T);
        assertEquals(SealLock.TAMPERED, bare.lock());
        assertNull(bare.batteryPct());
        assertNull(bare.latitude());
    }

    @Test
    void jsonReports() throws Rejected {
        Observation.SealObserved s = json.parse("{\"sealId\":\"VNSEAL-0003\",\"lock\":\"unlocked\",\"battery\":12,\"lat\":21.0,\"lon\":105.8}", T);
        assertEquals(SealLock.UNLOCKED, s.lock());
        assertEquals(12, s.batteryPct());
    }

    @Test
    void nothingIsGuessed() {
        assertTrue(assertThrows(Rejected.class, () -> line.parse("SEAL,VNSEAL-0001,OPEN,87,,", T)).getMessage().contains("lock"));
        assertTrue(assertThrows(Rejected.class, () -> line.parse("SEAL,VNSEAL-0001,LOCKED,187,,", T)).getMessage().contains("battery"));
        assertTrue(assertThrows(Rejected.class, () -> line.parse("SEAL,VNSEAL-0001,LOCKED,80,95.1,10", T)).getMessage().contains("latitude"));
        assertTrue(assertThrows(Rejected.class, () -> line.parse("SEAL,VNSEAL-0001,LOCKED,80,21.1,", T)).getMessage().contains("both"));
        assertTrue(assertThrows(Rejected.class, () -> line.parse("SEAL,VN SEAL,LOCKED,80,,", T)).getMessage().contains("id"));
        assertTrue(assertThrows(Rejected.class, () -> json.parse("{\"sealId\":\"VNSEAL-1\",\"lock\":\"LOCK", T)).getMessage().contains("JSON"));
        assertTrue(assertThrows(Rejected.class, () -> json.parse("[1,2]", T)).getMessage().contains("object"));
    }
}
