package org.borderedge.device.barrier;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.ProfileLoader;
import org.junit.jupiter.api.Test;

class RelayBoardMapTest {

    private static final Map<String, DeviceProfile> PROFILES = new HashMap<>();

    static {
        ProfileLoader.Result r = new ProfileLoader().loadDirectory(Path.of("../../device-profiles"));
        assertEquals(List.of(), r.problems());
        r.profiles().forEach(p -> PROFILES.put(p.id(), p));
    }

    private static RelayBoardMap map(String id, Map<String, Object> site) {
        DeviceProfile p = PROFILES.get(id);
        assertNotNull(p, id);
        Map<String, Object> merged = new HashMap<>(p.section("defaults"));
        merged.putAll(site);
        return RelayBoardMap.from(p, merged);
    }

    @Test
    void waveshareRelaysAreCoilsFromZero() {
        RelayBoardMap m = map("barrier/waveshare-relay8", Map.of());
        assertEquals(RelayBoardMap.RelayWrite.COIL, m.relayWrite());
        assertEquals(0, m.relayAddress(m.relayFor(BarrierAction.OPEN)));
        assertEquals(0xFF00, m.onValue());
        assertEquals(RelayBoardMap.InputRead.DISCRETE_INPUTS, m.inputRead());
        assertEquals(100, m.pollMs());
    }

    @Test
    void coil1VariantShiftsAddressesAndUses0100() {
        RelayBoardMap m = map("barrier/generic-relay8coil1", Map.of());
        assertEquals(1, m.relayAddress(1));
        assertEquals(0x0100, m.onValue());
        assertEquals(0, m.forcedOpenInput(), "no spare input wired for the alarm");
    }

    @Test
    void registerVariantUsesFc06AndInputRegisters() {
        RelayBoardMap m = map("barrier/generic-relay8reg", Map.of());
        assertEquals(RelayBoardMap.RelayWrite.REGISTER, m.relayWrite());
        assertEquals(1, m.onValue());
        assertEquals(RelayBoardMap.InputRead.INPUT_REGISTERS, m.inputRead());
    }

    @Test
    void siteOptionsRewireRelaysAndInputs() {
        RelayBoardMap m = map("barrier/waveshare-relay8", Map.of("openRelay", 5, "closeRelay", 6, "stopRelay", 7,
                "safetyLoopInput", 8, "activeLowInputs", List.of(8), "pulseMs", "700"));
        assertEquals(4, m.relayAddress(m.relayFor(BarrierAction.OPEN)));
        assertEquals(8, m.safetyLoopInput());
        assertFalse(m.active(8, true), "active-low: a high wire is an idle loop");
        assertTrue(m.active(8, false));
        assertEquals(700, m.pulseMs(), "numbers given as text in a site file are accepted");
    }

    @Test
    void impossibleWiringIsRefusedWithTheReason() {
        assertRefused(Map.of("openRelay", 9), "openRelay = 9 is outside 1..8");
        assertRefused(Map.of("closeRelay", 1), "openRelay, closeRelay and stopRelay must be different relays");
        assertRefused(Map.of("exitLoopInput", 4), "input 4 is wired as both safetyLoopInput and exitLoopInput");
        assertRefused(Map.of("pollMs", "fast"), "pollMs must be a whole number, got 'fast'");
        assertRefused(Map.of("pulseMs", 10), "pulseMs = 10 is outside 50..10000");
        assertRefused(Map.of("activeLowInputs", 3), "activeLowInputs must be a list");
    }

    private static void assertRefused(Map<String, Object> site, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map("barrier/waveshare-relay8", site));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
