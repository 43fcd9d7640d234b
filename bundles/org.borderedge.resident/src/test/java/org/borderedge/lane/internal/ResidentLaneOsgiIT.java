package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.borderedge.core.EventType;
import org.borderedge.core.LaneType;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.outbox.Outbox;
import org.borderedge.resident.internal.SqliteResidentLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built lane and resident bundles in an embedded Felix with SCR and Config Admin: a resident-trade
 * lane from a factory configuration binds the resident ledger service, which keeps its SQLite file in
 * the gateway's data folder. Domain API packages (core, device, outbox) and the SQLite driver come from
 * the class path, so the test's devices and journal are the services the bundles use.
 */
class ResidentLaneOsgiIT {

    @TempDir
    Path storage;
    @TempDir
    Path dataDir;

    private LaneFramework osgi;

    @BeforeEach
    void startFramework() throws Exception {
        osgi = LaneFramework.start(storage, Map.of("borderedge.data.dir", dataDir.toString()), "org.sqlite;version=3.54.1",
                List.of(LaneFramework.classPathJar("org.borderedge.lane-"), LaneFramework.builtBundle("org.borderedge.resident")));
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (osgi != null) {
            osgi.close();
        }
    }

    @Test
    void aConfiguredResidentLaneUsesTheLedgerInTheDataFolder() throws Exception {
        LaneFixture f = new LaneFixture("R9", LaneType.RESIDENT_TRADE, b -> {
        });
        for (TestDevice d : List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal, f.scanner)) {
            f.lane.unbind(d);
        }
        MemoryOutbox outbox = new MemoryOutbox();
        osgi.ctx.registerService(Outbox.class, outbox, new Hashtable<>());
        for (TestDevice d : List.of(f.barrier, f.qr)) {
            osgi.ctx.registerService(Device.class, d, new Hashtable<>(Map.of(Device.PROP_ID, d.id(), Device.PROP_KIND, d.kind(),
                    Device.PROP_LANE, d.laneId())));
        }
        osgi.createLaneConfig(Map.of("lane.id", "R9", "lane.type", "resident-trade", "check.plate", false, "check.weight", false,
                "check.seal", false, "resident.quota.vnd", 2_000_000L, "clearance.delay.ms", 200L, "tick.ms", 20L));
        LaneFramework.await("lane R9", () -> osgi.lane("R9") != null);
        f.startIdle();
        LaneFramework.await("IDLE", () -> "IDLE".equals(osgi.state("R9")));

        f.presence(true);
        f.code("BERES1|ID=LS-000777|NAME=Hoang Van C|VALUE=1500000");
        LaneFramework.await("OPEN for a resident within the quota", () -> f.barrier.commands().contains(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)));
        assertEquals(1_500_000L, ((Number) outbox.last(EventType.RESIDENT_PURCHASE).payload().get("valueVnd")).longValue());
        Path file = dataDir.resolve("resident-quota.db");
        assertTrue(Files.exists(file), "the ledger lives in the data folder");
        try (SqliteResidentLedger reader = SqliteResidentLedger.open(file)) {
            String period = (String) outbox.last(EventType.RESIDENT_PURCHASE).payload().get("period");
            assertEquals(1_500_000L, reader.usedVnd("LS-000777", period));
        }

        f.presence(false);
        f.safety(true);
        f.exit(true);
        f.safety(false);
        LaneFramework.await("cycle completed", () -> outbox.last(EventType.CYCLE_COMPLETED) != null);
        LaneFramework.await("IDLE again", () -> "IDLE".equals(osgi.state("R9")));

        f.presence(true);
        f.code("BERES1|ID=LS-000777|VALUE=600000");
        LaneFramework.await("HELD over the quota", () -> "HELD".equals(osgi.state("R9")));
        assertEquals("HOLD", outbox.last(EventType.DECISION).payload().get("verdict"));
        assertEquals(1, f.barrier.commands().stream().filter(c -> c.equals(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN))).count());
    }
}
