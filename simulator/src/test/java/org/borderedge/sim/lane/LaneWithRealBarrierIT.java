package org.borderedge.sim.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.core.EventType;
import org.borderedge.core.LaneType;
import org.borderedge.core.Plate;
import org.borderedge.core.Ticker;
import org.borderedge.core.WeighingResult;
import org.borderedge.core.WeightUnit;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceKinds;
import org.borderedge.device.Observation;
import org.borderedge.device.barrier.PollTiming;
import org.borderedge.device.barrier.internal.RelayBarrierHandlerFactory;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.internal.LaneConfig;
import org.borderedge.lane.internal.LaneRuntime;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.sim.modbus.BarrierPhysics;
import org.borderedge.sim.modbus.BarrierProfiles;
import org.borderedge.sim.modbus.LaneBarriers;
import org.borderedge.transport.modbus.ModbusTransport;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lane engine against the real barrier driver and the simulated relay board over Modbus TCP,
 * with the gateway's outbox journal: green release through the boom, and a vehicle stopped under the boom.
 */
class LaneWithRealBarrierIT {

    private static final String LANE = "E2E-1";
    private static final String PLATE = "51F-678.90";

    @TempDir
    Path dir;

    private LaneBarriers boards;
    private DriverDevice barrier;
    private SqliteJournal journal;
    private LaneRuntime lane;
    private ScheduledExecutorService timer;
    private final InMemoryDevice camera = new InMemoryDevice(LANE + "-camera", DeviceKinds.CAMERA, LANE);
    private final InMemoryDevice scale = new InMemoryDevice(LANE + "-scale", DeviceKinds.SCALE, LANE);

    @BeforeEach
    void start() throws Exception {
        boards = LaneBarriers.start(List.of(LANE), Duration.ofMillis(400));
        Map<String, Object> site = boards.siteDevice(LANE);
        ModbusTransport transport = ModbusTransports.create();
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) site.get("options");
        barrier = new DriverDevice(LaneBarriers.deviceId(LANE), LANE, (String) site.get("endpoint"),
                BarrierProfiles.builtIn(LaneBarriers.PROFILE), options,
                new RelayBarrierHandlerFactory(transport, Ticker.system(), PollTiming.NONE), Clock.systemUTC());
        journal = SqliteJournal.open(JournalSettings.of(dir.resolve("journal.db"), "it-gw"), Clock.systemUTC());
        Declaration d = new Declaration("D1", Set.of(PLATE), Set.of(), Set.of(), BigDecimal.valueOf(20_000), Channel.GREEN);
        LaneConfig config = LaneConfig.builder(LANE, LaneType.ROAD_IMPORT).checkSeal(false)
                .clearanceDelay(Duration.ofMillis(500)).stoppedUnderBoomAlarm(Duration.ofSeconds(1)).build();
        timer = Executors.newSingleThreadScheduledExecutor();
        lane = new LaneRuntime(config, Clock.systemUTC(), Ticker.system(), new CachedReference(Instant.now()).add(d), () -> journal, timer);
        lane.bind(barrier);
        lane.bind(camera);
        lane.bind(scale);
        timer.scheduleWithFixedDelay(lane::tick, 50, 50, TimeUnit.MILLISECONDS);
        barrier.start();
        await("lane IDLE after the board reported its inputs", () -> lane.state().equals("IDLE"));
    }

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        barrier.close();
        boards.close();
        journal.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private long count(EventType type) {
        return journal.readAfter(0, 10_000).stream().filter(e -> e.type() == type).count();
    }

    private void arrive() throws InterruptedException {
        BarrierPhysics physics = boards.barrier(LANE);
        physics.vehicleArrives();
        await("IDENTIFYING", () -> lane.state().equals("IDENTIFYING"));
        scale.observe(new Observation.WeightObserved(WeighingResult.stable(BigDecimal.valueOf(20_100), WeightUnit.KG, Instant.now())));
        camera.observe(new Observation.PlateObserved(Plate.of(PLATE), 0.9, null, Instant.now()));
    }

    @Test
    void greenTruckPassesAndTheBoomClosesBehindIt() throws Exception {
        BarrierPhysics physics = boards.barrier(LANE);
        arrive();
        // Each zone is held longer than the driver's poll period, as a truck's length holds a loop.
        assertTrue(physics.driveThroughAfterArrival(Duration.ofSeconds(10), Duration.ofMillis(300)), "the boom opened");
        await("boom closed", physics::closeLimit);
        await("cycle completed", () -> count(EventType.CYCLE_COMPLETED) == 1);
        await("IDLE", () -> lane.state().equals("IDLE"));
        assertEquals(0, physics.refusedCloses(), "the engine never asked the board to close on the truck");
    }

    @Test
    void truckStoppedUnderTheBoomKeepsItOpen() throws Exception {
        BarrierPhysics physics = boards.barrier(LANE);
        arrive();
        await("boom open", physics::openLimit);
        physics.vehicleAdvances();
        await("stopped-under-boom alarm", () -> count(EventType.ALARM) >= 1);
        assertTrue(physics.openLimit());
        ManualResult close = lane.manual(ManualAction.CLOSE, "tech", "trying to close over the truck");
        assertEquals(ManualResult.Status.REFUSED_INTERLOCK, close.status());
        physics.vehicleAdvances();
        Thread.sleep(300);
        physics.vehicleAdvances();
        await("boom closed once the truck left", physics::closeLimit);
        assertEquals(0, physics.refusedCloses());
    }
}
