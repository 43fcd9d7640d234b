package org.borderedge.device.barrier.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.barrier.RelayBoardMap;
import org.junit.jupiter.api.Test;

class BarrierInputsTest {

    private static RelayBoardMap map(Map<String, Object> wiring) {
        Map<String, Object> defaults = new HashMap<>(Map.of("pollMs", 100, "pulseMs", 500, "openRelay", 1, "closeRelay", 2,
                "stopRelay", 3, "openLimitInput", 1, "closeLimitInput", 2, "safetyLoopInput", 4));
        defaults.putAll(wiring);
        DeviceProfile p = new DeviceProfile("barrier/test-board", "barrier", "test", "board", "modbus-relay-barrier", "test",
                Map.of("relays", Map.of("write", "coil", "firstAddress", 0, "count", 8, "onValue", 0xFF00, "offValue", 0),
                        "inputs", Map.of("read", "discrete-inputs", "firstAddress", 0, "count", 8)));
        return RelayBoardMap.from(p, defaults);
    }

    private static boolean[] raw(int... high) {
        boolean[] b = new boolean[8];
        for (int n : high) {
            b[n - 1] = true;
        }
        return b;
    }

    @Test
    void limitSwitchesGiveThePosition() {
        RelayBoardMap m = map(Map.of());
        assertEquals(BarrierPosition.OPEN, BarrierInputs.of(m, raw(1)).position(m));
        assertEquals(BarrierPosition.CLOSED, BarrierInputs.of(m, raw(2)).position(m));
        assertEquals(BarrierPosition.MOVING, BarrierInputs.of(m, raw()).position(m));
        assertEquals(BarrierPosition.UNKNOWN, BarrierInputs.of(m, raw(1, 2)).position(m), "both limits: a fault");
    }

    @Test
    void withoutLimitSwitchesThePositionIsUnknown() {
        RelayBoardMap m = map(Map.of("openLimitInput", 0));
        assertEquals(BarrierPosition.UNKNOWN, BarrierInputs.of(m, raw(2)).position(m));
    }

    @Test
    void unwiredRolesReadIdleAndActiveLowIsApplied() {
        RelayBoardMap m = map(Map.of("activeLowInputs", java.util.List.of(4)));
        BarrierInputs idle = BarrierInputs.of(m, raw(4, 5, 6));
        assertFalse(idle.safety(), "active-low safety loop reading high is free");
        assertFalse(idle.exit(), "exit loop not wired: input 5 means nothing");
        assertTrue(BarrierInputs.of(m, raw()).safety());
    }
}
