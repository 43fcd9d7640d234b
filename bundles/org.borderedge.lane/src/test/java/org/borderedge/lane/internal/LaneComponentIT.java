package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.borderedge.core.CentralLink;
import org.borderedge.core.Channel;
import org.borderedge.core.EventType;
import org.borderedge.core.ReferenceData;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.outbox.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/**
 * The built lane bundle in an embedded Felix with SCR and Config Admin: a factory configuration
 * makes a lane, which binds its devices by their lane.id service property, the outbox and the
 * reference data, and runs a cycle. Domain API packages come from the class path (system bundle),
 * so the test's in-memory devices and journal are the services the bundle uses.
 */
class LaneComponentIT {

    @TempDir
    Path storage;

    private LaneFramework osgi;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @BeforeEach
    void startFramework() throws Exception {
        osgi = LaneFramework.start(storage, Map.of(), "", List.of(LaneFramework.builtBundle("org.borderedge.lane")));
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (osgi != null) {
            osgi.close();
        }
    }

    private <T> void register(Class<T> type, T service, Map<String, Object> props) {
        registrations.add(osgi.ctx.registerService(type, service, new Hashtable<>(props)));
    }

    @Test
    void configuredLaneBindsItsDevicesAndRunsACycle() throws Exception {
        LaneFixture f = new LaneFixture("L7", b -> {
        });
        // Only the lane inside the framework drives these devices.
        for (TestDevice d : List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal, f.scanner)) {
            f.lane.unbind(d);
        }
        MemoryOutbox outbox = new MemoryOutbox();
        f.declare("D1", "51F-678.90", 20_000, Channel.GREEN, "SEAL-1");
        register(Outbox.class, outbox, Map.of());
        register(ReferenceData.class, f.ref, Map.of());
        register(CentralLink.class, f.ref, Map.of());
        for (TestDevice d : List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal)) {
            register(Device.class, d, Map.of(Device.PROP_ID, d.id(), Device.PROP_KIND, d.kind(), Device.PROP_LANE, d.laneId()));
        }
        // A device of another lane must not be bound to L7.
        TestDevice otherBarrier = new TestDevice("L8-barrier", "barrier", "L8");
        register(Device.class, otherBarrier, Map.of(Device.PROP_ID, "L8-barrier", Device.PROP_KIND, "barrier", Device.PROP_LANE, "L8"));

        osgi.createLaneConfig(Map.of("lane.id", "L7", "lane.type", "road-import", "clearance.delay.ms", 200L, "tick.ms", 20L));
        LaneFramework.await("lane L7 service", () -> osgi.lane("L7") != null);
        assertEquals("STARTING", osgi.state("L7"));

        f.startIdle();
        LaneFramework.await("IDLE", () -> "IDLE".equals(osgi.state("L7")));
        f.arrive("51F-678.90", 20_000, "SEAL-1", SealLock.LOCKED);
        LaneFramework.await("OPEN handed to the barrier", () -> f.barrier.commands().contains(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)));
        assertTrue(otherBarrier.commands().isEmpty());
        assertEquals("RELEASE", outbox.last(EventType.DECISION).payload().get("verdict"));

        f.presence(false);
        f.safety(true);
        f.exit(true);
        f.safety(false);
        // The component's own timer closes the boom after the 200 ms clearance delay.
        LaneFramework.await("cycle completed", () -> outbox.last(EventType.CYCLE_COMPLETED) != null);
        // The event is journalled before the engine leaves CLOSING: wait for IDLE rather than race it.
        LaneFramework.await("IDLE after the cycle", () -> "IDLE".equals(osgi.state("L7")));

        f.barrier.status(DeviceStatus.offline("relay board unplugged", java.time.Instant.now()));
        LaneFramework.await("MANUAL after barrier fault", () -> "MANUAL".equals(osgi.state("L7")));
        assertNotNull(outbox.last(EventType.DEVICE_FAULT));
    }
}
