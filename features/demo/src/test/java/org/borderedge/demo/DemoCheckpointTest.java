package org.borderedge.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCheckpointTest {

    @Test
    void lanesCycleThroughTheFourGateTypes() {
        List<String> lanes = DemoCheckpoint.lanes(6).stream().map(l -> l[0] + "=" + l[1]).toList();
        assertEquals(List.of("IMP-1=road-import", "EXP-1=road-export", "GATE-IN-1=port-gate-in", "GATE-OUT-1=port-gate-out",
                "IMP-2=road-import", "EXP-2=road-export"), lanes);
        assertThrows(IllegalArgumentException.class, () -> DemoCheckpoint.lanes(0));
    }
}
