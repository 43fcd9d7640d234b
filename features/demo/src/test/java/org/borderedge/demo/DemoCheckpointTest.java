package org.borderedge.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCheckpointTest {

    @Test
    void lanesCycleThroughTheGateTypesWithTheResidentLaneFourth() {
        List<String> lanes = DemoCheckpoint.lanes(6).stream().map(l -> l[0] + "=" + l[1]).toList();
        assertEquals(List.of("IMP-1=road-import", "EXP-1=road-export", "GATE-IN-1=port-gate-in", "RES-1=resident-trade",
                "GATE-OUT-1=port-gate-out", "IMP-2=road-import"), lanes);
        assertEquals(lanes.subList(0, 4), DemoCheckpoint.lanes(DemoCheckpoint.DEFAULT_LANES).stream().map(l -> l[0] + "=" + l[1]).toList());
        assertThrows(IllegalArgumentException.class, () -> DemoCheckpoint.lanes(0));
    }
}
