package org.borderedge.sim.scenario;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {

    private static final String GOOD = """
            schemaVersion: 1
            name: green release
            lanes: [ { id: IMP-1, type: road-import } ]
            declarations:
              - { id: D1, plates: [51F-678.90], seals: [SEAL-1], grossKg: 24000, channel: GREEN }
            vehicles:
              - { at: 1.5s, lane: IMP-1, plate: 51F-678.90, qr: D1, weightKg: 24100, seal: { id: SEAL-1 }, expect: RELEASE }
            faults:
              - { at: 500ms, type: link-outage, duration: 1m }
            """;

    @TempDir
    Path dir;

    @Test
    void parsesVehiclesFaultsAndDurations() throws Exception {
        Scenario s = ScenarioFile.load(Files.writeString(dir.resolve("s.yaml"), GOOD));
        assertEquals("green release", s.name());
        Scenario.Vehicle v = s.vehicles().get(0);
        assertEquals(Duration.ofMillis(1500), v.at());
        assertEquals("SEAL-1", v.sealId());
        assertEquals("LOCKED", v.sealLock());
        assertEquals("RELEASE", v.expect());
        assertEquals(Duration.ofMinutes(1), s.faults().get(0).duration());
        assertEquals(Duration.ofMillis(500), s.faults().get(0).at());
        assertTrue(s.eventsAtCentralEqualGateway());
    }

    @Test
    void badFileNamesFieldAndReason() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), GOOD.replace("expect: RELEASE", "expect: MAYBE").replace("lane: IMP-1,", "lane: IMP-7,"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioFile.load(f));
        assertTrue(e.getMessage().contains("$.vehicles[0].expect"), e.getMessage());
        Path g = Files.writeString(dir.resolve("bad2.yaml"), GOOD.replace("lane: IMP-1,", "lane: IMP-7,"));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> ScenarioFile.load(g));
        assertTrue(e2.getMessage().contains("$.vehicles[0].lane: lane 'IMP-7' is not declared"), e2.getMessage());
    }
}
