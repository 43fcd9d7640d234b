package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusTransport;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.api.Test;

class LaneBarriersIT {

    @Test
    void eachLaneGetsABoardAndASiteEntryPointingAtIt() throws Exception {
        ModbusTransport transport = ModbusTransports.create();
        try (LaneBarriers barriers = LaneBarriers.start(List.of("IMP-1", "EXP-1"), Duration.ofMillis(200))) {
            List<Map<String, Object>> devices = barriers.siteDevices();
            assertEquals(2, devices.size());
            assertEquals("EXP-1-barrier", devices.get(1).get("id"));
            assertNotEquals(devices.get(0).get("endpoint"), devices.get(1).get("endpoint"), "one line per lane");
            barriers.barrier("EXP-1").vehicleArrives();
            try (ModbusLine exp = transport.line((String) devices.get(1).get("endpoint"));
                    ModbusLine imp = transport.line((String) devices.get(0).get("endpoint"))) {
                assertTrue(exp.readDiscreteInputs(1, 0, 8).bits()[2], "EXP-1 presence loop occupied");
                assertFalse(imp.readDiscreteInputs(1, 0, 8).bits()[2], "IMP-1 lane empty");
            }
        }
    }
}
