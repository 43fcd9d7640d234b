package org.borderedge.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteFileTest {

    private static final String GOOD = """
            schemaVersion: 1
            gateway: { id: VN-LS-01, name: Huu Nghi, timeZone: Asia/Ho_Chi_Minh }
            lanes:
              - { id: IMP-1, type: road-import, options: { weightTolerancePct: 3, whitelist: [51F67890] } }
              - { id: EXP-1, type: road-export }
            devices:
              - { id: IMP-1-barrier, lane: IMP-1, kind: barrier, profile: barrier/waveshare-relay8,
                  endpoint: "modbus-tcp://127.0.0.1:1502?unit=1", options: { pulseMs: 400 } }
            configurations:
              org.borderedge.sync.mqtt: { brokerUrl: "tcp://127.0.0.1:1883" }
            """;

    @TempDir
    Path dir;

    @Test
    void goodSiteBecomesConfigurations() throws Exception {
        Site site = SiteFile.load(write("site.yaml", GOOD));
        assertEquals("VN-LS-01", site.gatewayId());
        Map<String, Map<String, Object>> configs = SiteConfigurations.of(site, dir, Map.of("org.borderedge.api.http", Map.of("pullToken", "t")));
        Map<String, Object> lane = configs.get("org.borderedge.lane~IMP-1");
        assertEquals("road-import", lane.get("lane.type"));
        assertEquals(3, lane.get("weightTolerancePct"));
        assertArrayEquals(new String[] {"51F67890"}, (String[]) lane.get("whitelist"));
        assertArrayEquals(new String[] {"IMP-1-barrier"}, (String[]) lane.get("lane.devices"));
        Map<String, Object> device = configs.get("org.borderedge.device~IMP-1-barrier");
        assertEquals("barrier/waveshare-relay8", device.get("profile"));
        assertEquals("{\"pulseMs\":400}", device.get("options"));
        assertEquals("tcp://127.0.0.1:1883", configs.get("org.borderedge.sync.mqtt").get("brokerUrl"));
        assertEquals("t", configs.get("org.borderedge.api.http").get("pullToken"));
    }

    @Test
    void schemaErrorNamesFileFieldAndReason() throws Exception {
        Path f = write("bad.yaml", GOOD.replace("type: road-export", "type: road-sideways"));
        SiteFileException e = assertThrows(SiteFileException.class, () -> SiteFile.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("$.lanes[1].type"), e.getMessage());
        assertTrue(e.getMessage().contains("enum"), e.getMessage());
    }

    @Test
    void missingRequiredFieldIsNamed() throws Exception {
        Path f = write("bad.yaml", GOOD.replace("profile: barrier/waveshare-relay8,", ""));
        SiteFileException e = assertThrows(SiteFileException.class, () -> SiteFile.load(f));
        assertTrue(e.getMessage().contains("$.devices[0].profile"), e.getMessage());
    }

    @Test
    void crossReferencesAreChecked() throws Exception {
        Path f = write("bad.yaml", GOOD.replace("lane: IMP-1,", "lane: IMP-9,").replace("id: EXP-1", "id: IMP-1")
                .replace("Asia/Ho_Chi_Minh", "Asia/Atlantis"));
        SiteFileException e = assertThrows(SiteFileException.class, () -> SiteFile.load(f));
        assertTrue(e.getMessage().contains("$.devices[0].lane: lane 'IMP-9' is not declared"), e.getMessage());
        assertTrue(e.getMessage().contains("$.lanes[1].id: lane id 'IMP-1' is used twice"), e.getMessage());
        assertTrue(e.getMessage().contains("$.gateway.timeZone: unknown time zone"), e.getMessage());
    }

    @Test
    void syntaxErrorGivesLine() throws Exception {
        Path f = write("bad.yaml", "schemaVersion: 1\ngateway: { id: X\n");
        SiteFileException e = assertThrows(SiteFileException.class, () -> SiteFile.load(f));
        assertTrue(e.getMessage().startsWith("site file " + f + ": $: not valid YAML/JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
