package org.borderedge.sim.serial;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.reader.internal.ReaderHandlerFactories;
import org.borderedge.device.scale.internal.SerialScaleHandlerFactory;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.testing.ShippedProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's lane rig: its site entries drive the real drivers to a weighed, identified, sealed truck. */
class SerialLaneRigIT {

    @Test
    void siteEntriesLeadTheDriversToTheSimulators(@TempDir Path dir) throws Exception {
        try (SerialLaneRig lane = SerialLaneRig.start(dir.resolve("pty"), "IMP-1", ScaleProtocol.SMA)) {
            assertTrue(lane.devices().get(0).endpoint().startsWith("serial://"));
            drive(lane);
        }
    }

    @Test
    void withoutSocatEverythingRunsOverTcp() throws Exception {
        try (SerialLaneRig lane = SerialLaneRig.startOverTcp("IMP-2", ScaleProtocol.SMA)) {
            assertTrue(lane.devices().stream().allMatch(e -> e.endpoint().startsWith("tcp://127.0.0.1:")), lane.devices().toString());
            assertNull(lane.scaleCable());
            drive(lane);
        }
    }

    private static void drive(SerialLaneRig lane) throws Exception {
        List<DeviceHandler> drivers = new ArrayList<>();
        List<RecordingDevice> contexts = new ArrayList<>();
        try {
            for (SerialLaneRig.DeviceEntry e : lane.devices()) {
                RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(e.profile()), e.endpoint(), Map.of("pollIntervalMs", 100));
                DeviceHandler d = e.kind().equals("scale") ? new SerialScaleHandlerFactory().create(ctx)
                        : e.kind().equals("qr-reader") ? new ReaderHandlerFactories.QrReader().create(ctx)
                        : new ReaderHandlerFactories.ESealReader().create(ctx);
                d.initialize();
                drivers.add(d);
                contexts.add(ctx);
            }
            for (RecordingDevice ctx : contexts) {
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
            }
            String laneId = lane.devices().get(0).lane();
            assertEquals(List.of(laneId + "-scale", laneId + "-qr", laneId + "-eseal"), lane.devices().stream().map(SerialLaneRig.DeviceEntry::id).toList());
            assertEquals("scale/generic-sma", lane.devices().get(0).asSiteEntry().get("profile"));

            lane.scale().driveOn(32_000, 500);
            Observation.WeightObserved w = (Observation.WeightObserved) contexts.get(0)
                    .await(o -> o instanceof Observation.WeightObserved x && x.result().isStable() && x.result().value().signum() > 0, 10);
            assertEquals(0, new BigDecimal("32000").compareTo(w.result().value()));
            assertTrue(lane.qr().presentDeclaration("305123456789", "51F67890", ""));
            assertEquals("305123456789", ((Observation.QrObserved) contexts.get(1).await(o -> o instanceof Observation.QrObserved, 5)).declarationId());
            assertTrue(lane.eseal().present("VNSEAL-0009", ESealSimulator.Lock.UNLOCKED));
            assertEquals(Observation.SealLock.UNLOCKED, ((Observation.SealObserved) contexts.get(2).await(o -> o instanceof Observation.SealObserved, 5)).lock());
        } finally {
            drivers.forEach(DeviceHandler::dispose);
        }
    }
}
