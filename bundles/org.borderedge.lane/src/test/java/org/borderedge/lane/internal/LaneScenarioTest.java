package org.borderedge.lane.internal;

import static org.borderedge.device.DeviceCommand.BarrierAction.CLOSE;
import static org.borderedge.device.DeviceCommand.BarrierAction.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.core.LaneType;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.WatchlistEntry;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.device.Observation.ScanVerdict;
import org.borderedge.lane.LaneMode;
import org.borderedge.lane.LaneSnapshot;
import org.borderedge.lane.LaneState;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.StageStat;
import org.junit.jupiter.api.Test;

/** The lane's scenarios, driven only through its devices, a fake clock/ticker and an in-memory journal. */
class LaneScenarioTest {

    private static final String PLATE = "51F-678.90";

    private static LaneFixture idleLane() {
        LaneFixture f = LaneFixture.roadImport();
        f.startIdle();
        assertEquals("IDLE", f.state());
        return f;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(GateEvent decision) {
        return (List<Map<String, Object>>) decision.payload().get("rules");
    }

    private static Map<String, Object> rule(GateEvent decision, String name) {
        return rules(decision).stream().filter(r -> name.equals(r.get("rule"))).findFirst().orElseThrow();
    }

    @Test
    void greenVehicleIsReleasedAndTheCycleIsTimed() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");

        f.presence(true);
        assertEquals("IDENTIFYING", f.state());
        f.advance(Duration.ofMillis(300));
        f.weight(20_150);
        f.seal("SEAL-1", SealLock.LOCKED);
        f.advance(Duration.ofMillis(200));
        f.plate(PLATE);

        assertEquals(List.of(OPEN), f.barrierCommands());
        GateEvent decision = f.last(EventType.DECISION);
        assertEquals("RELEASE", decision.payload().get("verdict"));
        assertEquals(true, decision.payload().get("online"));
        assertEquals(List.of("declaration", "plate", "containers", "watchlist", "weight", "seal", "offline-policy", "channel"),
                rules(decision).stream().map(r -> r.get("rule")).toList());
        assertEquals("PASS", rule(decision, "weight").get("outcome"));
        assertEquals("PASS", rule(decision, "seal").get("outcome"));
        assertEquals("PASSING", f.state());

        f.driveThrough();
        assertEquals("CLEARING", f.state(), "waiting for the clearance delay");
        assertEquals(List.of(OPEN), f.barrierCommands(), "no CLOSE within the clearance delay");
        f.run(Duration.ofSeconds(2));
        assertEquals(List.of(OPEN, CLOSE), f.barrierCommands());
        assertEquals("IDLE", f.state());

        List<EventType> types = f.eventTypes();
        assertEquals(List.of(EventType.VEHICLE_ARRIVED, EventType.WEIGHT_MEASURED, EventType.PLATE_READ,
                EventType.SEAL_CHECKED, EventType.DECISION, EventType.BARRIER_OPENED, EventType.VEHICLE_PASSED,
                EventType.BARRIER_CLOSED, EventType.CYCLE_COMPLETED), types);
        GateEvent done = f.last(EventType.CYCLE_COMPLETED);
        @SuppressWarnings("unchecked")
        Map<String, Object> stages = (Map<String, Object>) done.payload().get("stages");
        assertEquals(Set.of("ARRIVED", "IDENTIFIED", "WEIGHED", "SEAL_CHECKED", "DECIDED", "BARRIER_OPENED", "PASSED",
                "BARRIER_CLOSED"), stages.keySet());
        assertEquals(500.0, ((Number) ((Map<?, ?>) done.payload().get("durationsMs")).get("IDENTIFIED")).doubleValue(), 0.001);
        assertEquals(1300.0, ((Number) done.payload().get("arrivalToPassedMs")).doubleValue(), 0.001);

        StageStat identified = f.lane.stageStats().stream().filter(s -> s.name().equals("IDENTIFIED")).findFirst().orElseThrow();
        assertEquals(1, identified.count());
        assertEquals(500.0, identified.p50Ms(), 0.001);
        assertEquals(1, f.outbox.of(EventType.CYCLE_COMPLETED).size());
    }

    @Test
    void overweightVehicleIsHeldUntilATechnicianReleasesIt() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 26_000, "SEAL-1", SealLock.LOCKED);

        assertEquals("HELD", f.state());
        assertTrue(f.barrierCommands().isEmpty());
        GateEvent decision = f.last(EventType.DECISION);
        assertEquals("HOLD", decision.payload().get("verdict"));
        Map<String, Object> weight = rule(decision, "weight");
        assertEquals("HOLD", weight.get("outcome"));
        assertTrue(((String) weight.get("reason")).startsWith("overweight by 6000 kg"), weight.toString());

        assertEquals(ManualResult.Status.INVALID, f.lane.manual(ManualAction.RELEASE, "tech1", " ").status());
        ManualResult r = f.lane.manual(ManualAction.RELEASE, "tech1", "reweighed on the static scale, within limits");
        assertEquals(ManualResult.Status.ACCEPTED, r.status());
        assertEquals(List.of(OPEN), f.barrierCommands());
        GateEvent override = f.last(EventType.MANUAL_OVERRIDE);
        assertEquals("tech1", override.payload().get("user"));
        assertEquals("RELEASE", override.payload().get("action"));
        assertEquals("RELEASE", f.last(EventType.DECISION).payload().get("verdict"));
        assertEquals("tech1", f.last(EventType.DECISION).payload().get("decidedBy"));
        List<EventType> types = f.eventTypes();
        assertTrue(types.indexOf(EventType.MANUAL_OVERRIDE) < types.indexOf(EventType.BARRIER_OPENED));
    }

    @Test
    void tolerancesFromTheCentralOverrideTheLaneConfiguration() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.ref.params.put("weight.tolerance.pct", "1");
        f.ref.params.put("weight.tolerance.kg", "100");
        f.arrive(PLATE, 20_400, "SEAL-1", SealLock.LOCKED);
        assertEquals("HOLD", f.last(EventType.DECISION).payload().get("verdict"));
        assertEquals("HELD", f.state());
    }

    @Test
    void watchlistedPlateIsHeld() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.ref.watch(WatchlistEntry.Subject.PLATE, "51F67890", "stolen vehicle report");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);

        assertEquals("HELD", f.state());
        assertTrue(f.barrierCommands().isEmpty());
        Map<String, Object> w = rule(f.last(EventType.DECISION), "watchlist");
        assertEquals("HOLD", w.get("outcome"));
        assertTrue(((String) w.get("reason")).contains("stolen vehicle report"));
    }

    @Test
    void unknownPlateIsHeldAfterTheIdentificationTimeout() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN);
        f.arrive("29C-123.45", 20_000, null, null);

        assertEquals("IDENTIFYING", f.state(), "waits for a QR that could name the declaration");
        f.run(Duration.ofSeconds(10));
        assertEquals("HELD", f.state());
        GateEvent decision = f.last(EventType.DECISION);
        assertEquals("HOLD", decision.payload().get("verdict"));
        assertTrue(((String) rule(decision, "declaration").get("reason")).startsWith("unknown vehicle"));
        assertTrue(f.barrierCommands().isEmpty());
    }

    @Test
    void plateMisreadIsCorrectedByTheQrOfTheDeclaration() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.presence(true);
        f.weight(20_000);
        f.seal("SEAL-1", SealLock.LOCKED);
        f.plate("51F-67B.90");
        assertEquals("IDENTIFYING", f.state());
        f.qr("D1");

        assertEquals(List.of(OPEN), f.barrierCommands());
        Map<String, Object> plate = rule(f.last(EventType.DECISION), "plate");
        assertEquals("PASS", plate.get("outcome"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) plate.get("data");
        assertEquals("51F67B90", data.get("read"));
        assertEquals("51F67890", data.get("declared"));
        assertEquals(true, data.get("corrected"));
        LaneSnapshot.Vehicle v = f.lane.snapshot().vehicle();
        assertEquals("51F67890", v.plate());
        assertEquals("51F67B90", v.plateRead());
    }

    @Test
    void qrDoesNotExcuseAPlateThatDiffersBeyondOneConfusableCharacter() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.presence(true);
        f.weight(20_000);
        f.seal("SEAL-1", SealLock.LOCKED);
        f.plate("51F-673.90");
        f.qr("D1");
        assertEquals("HELD", f.state());
        assertEquals("HOLD", rule(f.last(EventType.DECISION), "plate").get("outcome"));
        assertTrue(f.barrierCommands().isEmpty());
    }

    @Test
    void chinesePlateIsNormalisedForMatching() {
        LaneFixture f = idleLane();
        f.declare("D-CN", "桂A·12345", 30_000, Channel.GREEN, "SEAL-CN");
        f.arrive("桂A 12345", 30_100, "SEAL-CN", SealLock.LOCKED);
        assertEquals("RELEASE", f.last(EventType.DECISION).payload().get("verdict"));
        assertEquals("CN", f.last(EventType.PLATE_READ).payload().get("format"));
        assertEquals("桂A·12345", f.last(EventType.PLATE_READ).payload().get("display"));
    }

    @Test
    void twoLineVietnamesePlateMatchesItsDeclaration() {
        LaneFixture f = idleLane();
        f.declare("D1", "29C-123.45", 20_000, Channel.GREEN, "SEAL-1");
        f.arrive("29C / 123.45", 20_000, "SEAL-1", SealLock.LOCKED);
        assertEquals("RELEASE", f.last(EventType.DECISION).payload().get("verdict"));
    }

    @Test
    void qrShownBeforeTheArrivalIsAdopted() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.qr("D1");
        f.advance(Duration.ofSeconds(5));
        f.presence(true);
        f.weight(20_000);
        f.seal("SEAL-1", SealLock.LOCKED);
        f.plate("51F-67B.90");
        assertEquals("RELEASE", f.last(EventType.DECISION).payload().get("verdict"), "QR from the approach corrects the misread");
    }

    @Test
    void tamperedSealIsHeld() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.TAMPERED);
        assertEquals("HELD", f.state());
        Map<String, Object> seal = rule(f.last(EventType.DECISION), "seal");
        assertEquals("HOLD", seal.get("outcome"));
        assertEquals("seal SEAL-1 is TAMPERED", seal.get("reason"));
        assertEquals("TAMPERED", f.last(EventType.SEAL_CHECKED).payload().get("lock"));
    }

    @Test
    void wrongSealIsHeld() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-9", SealLock.LOCKED);
        assertEquals("HELD", f.state());
        assertEquals("HOLD", rule(f.last(EventType.DECISION), "seal").get("outcome"));
    }

    @Test
    void redChannelIsScannedAndReleasedOnClear() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.RED, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);

        assertEquals("SCANNING", f.state());
        assertEquals("INSPECT", f.last(EventType.DECISION).payload().get("verdict"));
        assertEquals(1, f.scanner.commands().size());
        assertTrue(f.scanner.commands().get(0) instanceof DeviceCommand.ScanRequest);
        assertTrue(f.barrierCommands().isEmpty());

        f.advance(Duration.ofSeconds(40));
        f.scan(ScanVerdict.CLEAR);
        assertEquals(List.of(OPEN), f.barrierCommands());
        GateEvent second = f.last(EventType.DECISION);
        assertEquals("RELEASE", second.payload().get("verdict"));
        assertEquals("PASS", rule(second, "scan").get("outcome"));
        f.driveThrough();
        f.run(Duration.ofSeconds(2));
        @SuppressWarnings("unchecked")
        Map<String, Object> stages = (Map<String, Object>) f.last(EventType.CYCLE_COMPLETED).payload().get("stages");
        assertTrue(stages.containsKey("SCAN_REQUESTED") && stages.containsKey("SCAN_COMPLETED"), stages.toString());
        assertEquals(40_000.0, ((Number) ((Map<?, ?>) f.last(EventType.CYCLE_COMPLETED).payload().get("durationsMs"))
                .get("SCAN_COMPLETED")).doubleValue(), 0.001);
        List<StageStat> red = f.lane.stageStatsByChannel().get("RED");
        assertEquals(40_000.0, red.stream().filter(st -> st.name().equals("SCAN_COMPLETED")).findFirst().orElseThrow().p50Ms(), 0.001);
        assertEquals(Set.of("RED"), f.lane.stageStatsByChannel().keySet());
    }

    @Test
    void redChannelSuspectScanIsHeld() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.RED, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.scan(ScanVerdict.SUSPECT);
        assertEquals("HELD", f.state());
        assertEquals("HOLD", f.last(EventType.DECISION).payload().get("verdict"));
        assertTrue(f.barrierCommands().isEmpty());
        assertEquals("SUSPECT", f.last(EventType.SCAN_COMPLETED).payload().get("verdict"));
    }

    @Test
    void redChannelClearWaitsForAnOfficerWhenPolicySaysSo() {
        LaneFixture f = new LaneFixture("L1", b -> b.releaseOnScanClear(false));
        f.startIdle();
        f.declare("D1", PLATE, 20_000, Channel.RED, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.scan(ScanVerdict.CLEAR);
        assertEquals("INSPECTION", f.state());
        assertTrue(f.barrierCommands().isEmpty());
    }

    @Test
    void yellowChannelWaitsForTheDocumentCheck() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.YELLOW, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertEquals("INSPECTION", f.state());
        assertTrue(f.scanner.commands().isEmpty());
        assertEquals(ManualResult.Status.ACCEPTED, f.lane.manual(ManualAction.RELEASE, "officer7", "documents checked").status());
        assertEquals(List.of(OPEN), f.barrierCommands());
    }

    @Test
    void tailgatingRaisesAnAlarmHoldsTheLaneAndNeverClosesOnTheSecondVehicle() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.driveThrough();
        assertEquals("CLEARING", f.state());
        f.advance(Duration.ofMillis(500));
        f.safety(true);

        assertEquals("HELD", f.state());
        GateEvent alarm = f.last(EventType.ALARM);
        assertEquals("TAILGATING", alarm.payload().get("alarm"));
        assertEquals(1, f.outbox.of(EventType.CYCLE_COMPLETED).size(), "the first vehicle's cycle is complete");
        f.run(Duration.ofSeconds(30));
        assertEquals(0, f.count(CLOSE), "never closes on the vehicle under the boom");
        assertEquals(ManualResult.Status.REFUSED_INTERLOCK,
                f.lane.manual(ManualAction.CLOSE, "tech1", "close on the tailgater").status());

        f.safety(false);
        f.run(Duration.ofSeconds(1));
        assertEquals(0, f.count(CLOSE));
        f.run(Duration.ofMillis(1100));
        assertEquals(1, f.count(CLOSE), "a held lane closes its boom once nobody is under it");
        assertEquals("HELD", f.state());
        assertTrue(f.lane.manual(ManualAction.RELEASE, "tech1", "tailgater turned back").accepted());
        assertEquals("IDLE", f.state());
    }

    @Test
    void closingBoomReopensWhenTheSafetyLoopIsOccupied() {
        LaneFixture f = idleLane();
        f.barrier.responder = c -> List.of();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.boom(BarrierPosition.OPEN);
        f.driveThrough();
        f.run(Duration.ofSeconds(2));
        assertEquals(List.of(OPEN, CLOSE), f.barrierCommands());
        f.boom(BarrierPosition.MOVING);
        f.safety(true);
        assertEquals(List.of(OPEN, CLOSE, OPEN), f.barrierCommands());
        assertEquals("HELD", f.state());
    }

    @Test
    void forcedOpenBarrierGoesManualButTheDriversSafetyReopenDoesNot() {
        LaneFixture f = idleLane();
        f.barrier.observe(new org.borderedge.device.Observation.BarrierAlarm("SAFETY_REOPEN", "pulsing OPEN", f.time.instant()));
        assertEquals("IDLE", f.state());
        assertEquals("SAFETY_REOPEN", f.last(EventType.ALARM).payload().get("alarm"));
        f.barrier.observe(new org.borderedge.device.Observation.BarrierAlarm("FORCED_OPEN", "boom lifted", f.time.instant()));
        assertEquals("MANUAL", f.state());
    }

    @Test
    void gatewayRestartWithAVehicleUnderTheBoomComesBackInManual() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.presence(false);
        f.safety(true);
        assertEquals("PASSING", f.state());
        int commandsBefore = f.barrierCommands().size();

        // Restart: a fresh engine; the relay board reports its inputs as it comes online.
        f.lane = f.newRuntime();
        assertEquals("STARTING", f.state());
        f.presence(false);
        f.safety(true);
        f.exit(false);
        f.boom(BarrierPosition.OPEN);

        assertEquals("MANUAL", f.state());
        assertEquals(LaneMode.MANUAL, f.lane.snapshot().mode());
        assertTrue(f.lane.snapshot().alarm().contains("vehicle present at start-up"));
        f.run(Duration.ofSeconds(10));
        assertEquals(commandsBefore, f.barrierCommands().size(), "no command while a vehicle is present and nobody released");
        assertEquals(ManualResult.Status.REFUSED_INTERLOCK, f.lane.manual(ManualAction.CLOSE, "tech1", "clear lane").status());

        f.exit(true);
        f.safety(false);
        f.exit(false);
        assertTrue(f.lane.manual(ManualAction.RELEASE, "tech1", "vehicle left, lane checked").accepted());
        assertEquals("CLEARING", f.state());
        f.run(Duration.ofSeconds(2));
        assertEquals(CLOSE, f.barrierCommands().get(f.barrierCommands().size() - 1));
        assertEquals("IDLE", f.state());
    }

    @Test
    void gatewayRestartOnAnEmptyLaneGoesIdle() {
        LaneFixture f = LaneFixture.roadImport();
        assertEquals("STARTING", f.state());
        f.startIdle();
        assertEquals("IDLE", f.state());
    }

    @Test
    void restartWithoutLoopReportsWaitsTheGraceThenGoesIdleButNeverClosesBlind() {
        LaneFixture f = LaneFixture.roadImport();
        f.boom(BarrierPosition.OPEN);
        f.run(Duration.ofSeconds(3));
        assertEquals("CLEARING", f.state());
        f.run(Duration.ofSeconds(10));
        assertEquals(0, f.count(CLOSE), "safety loop state unknown: no CLOSE");
        f.safety(false);
        f.run(Duration.ofMillis(2100));
        assertEquals(1, f.count(CLOSE));
        assertEquals("IDLE", f.state());
    }

    @Test
    void vehicleStoppedUnderTheBoomKeepsItOpen() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.presence(false);
        f.safety(true);
        f.run(Duration.ofSeconds(90));

        assertEquals(List.of(OPEN), f.barrierCommands());
        assertEquals("PASSING", f.state());
        assertEquals("VEHICLE_STOPPED_UNDER_BOOM", f.last(EventType.ALARM).payload().get("alarm"));
        ManualResult refused = f.lane.manual(ManualAction.CLOSE, "tech1", "driver asleep");
        assertEquals(ManualResult.Status.REFUSED_INTERLOCK, refused.status());
        assertEquals("REFUSED_INTERLOCK", f.last(EventType.MANUAL_OVERRIDE).payload().get("result"));

        f.exit(true);
        f.safety(false);
        f.run(Duration.ofMillis(1900));
        assertEquals(List.of(OPEN), f.barrierCommands());
        f.run(Duration.ofMillis(200));
        assertEquals(List.of(OPEN, CLOSE), f.barrierCommands());
    }

    @Test
    void deviceFaultMidCycleGoesManualWithAnAlarm() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.presence(true);
        f.plate(PLATE);
        assertEquals("WEIGHING", f.state());
        f.scale.status(DeviceStatus.offline("serial port closed", f.time.instant()));

        assertEquals("MANUAL", f.state());
        assertEquals("DEVICE_FAULT", f.eventTypes().get(f.eventTypes().size() - 2).name());
        assertEquals("LANE_MANUAL", f.last(EventType.ALARM).payload().get("alarm"));
        f.weight(20_000);
        f.run(Duration.ofSeconds(60));
        assertTrue(f.barrierCommands().isEmpty());
        f.scale.status(DeviceStatus.online(f.time.instant()));
        assertNotNull(f.last(EventType.DEVICE_RECOVERED));
        assertEquals("MANUAL", f.state(), "recovery does not resume a faulted cycle by itself");
    }

    @Test
    void barrierFaultWhileOpenGoesManualAndNeverClosesOnItsOwn() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.barrier.status(DeviceStatus.offline("Modbus timeout", f.time.instant()));
        assertEquals("MANUAL", f.state());
        assertTrue(f.lane.closeRefusal().isPresent(), "loops of an offline board are unknown");
        f.barrier.status(DeviceStatus.online(f.time.instant()));
        f.run(Duration.ofSeconds(10));
        assertEquals(List.of(OPEN), f.barrierCommands());
    }

    @Test
    void barrierRefusingOpenGoesManual() {
        LaneFixture f = idleLane();
        f.barrier.result = CommandResult.refused("relay board did not acknowledge");
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertEquals("MANUAL", f.state());
        assertTrue(f.lane.snapshot().alarm().contains("relay board did not acknowledge"));
    }

    @Test
    void barrierThatNeverReportsOpenGoesManual() {
        LaneFixture f = idleLane();
        f.barrier.responder = c -> List.of();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertEquals("OPENING", f.state());
        f.run(Duration.ofSeconds(10));
        assertEquals("MANUAL", f.state());
    }

    @Test
    void offlineWithAStaleCacheDecidesOnTheCacheUnderThatPolicy() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.ref.connected = false;
        f.ref.lastContact = LaneFixture.T0.minus(Duration.ofHours(2));
        f.ref.refreshedAt = LaneFixture.T0.minus(Duration.ofHours(1));
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);

        assertEquals(List.of(OPEN), f.barrierCommands());
        GateEvent d = f.last(EventType.DECISION);
        assertEquals(false, d.payload().get("online"));
        assertEquals(3_600_000L, d.payload().get("referenceAgeMs"));
        assertEquals("DECIDE_ON_CACHE", d.payload().get("offlinePolicy"));
    }

    @Test
    void offlineWithAStaleCacheHoldsAllButTheWhitelistUnderThatPolicy() {
        LaneFixture f = new LaneFixture("L1", b -> b.offlinePolicy(OfflinePolicy.HOLD_EXCEPT_WHITELIST)
                .offlineWhitelist(Set.of("29A-001.01")));
        f.startIdle();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.declare("D2", "29A-001.01", 20_000, Channel.GREEN, "SEAL-2");
        f.ref.connected = false;
        f.ref.lastContact = LaneFixture.T0.minus(Duration.ofHours(2));
        f.ref.refreshedAt = LaneFixture.T0.minus(Duration.ofHours(1));

        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertEquals("HELD", f.state());
        assertEquals("HOLD", rule(f.last(EventType.DECISION), "offline-policy").get("outcome"));
        assertTrue(f.lane.manual(ManualAction.RELEASE, "tech1", "called central by phone").accepted());
        f.driveThrough();
        f.run(Duration.ofSeconds(2));
        assertEquals("IDLE", f.state());

        f.arrive("29A-001.01", 20_000, "SEAL-2", SealLock.LOCKED);
        assertEquals("RELEASE", f.last(EventType.DECISION).payload().get("verdict"));
        assertEquals("PASS", rule(f.last(EventType.DECISION), "offline-policy").get("outcome"));
    }

    @Test
    void recentContactKeepsTheLaneOnlineThroughABriefDisconnect() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.ref.connected = false;
        f.ref.lastContact = LaneFixture.T0.minus(Duration.ofMinutes(1));
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertEquals(true, f.last(EventType.DECISION).payload().get("online"));
    }

    @Test
    void withoutReferenceDataEveryVehicleIsUnknownAndHeld() {
        LaneFixture f = idleLane();
        f.ref.present = false;
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        f.run(Duration.ofSeconds(10));
        assertEquals("HELD", f.state());
        GateEvent d = f.last(EventType.DECISION);
        assertEquals(false, d.payload().get("online"));
        assertEquals(-1L, d.payload().get("referenceAgeMs"));
        assertEquals("unknown vehicle: no reference data on this gateway", rule(d, "declaration").get("reason"));
    }

    @Test
    void journalFailureStopsTheStepAndPutsTheLaneInManual() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.presence(true);
        f.weight(20_000);
        f.seal("SEAL-1", SealLock.LOCKED);
        f.outbox.failing = true;
        f.plate(PLATE);
        assertTrue(f.barrierCommands().isEmpty(), "no OPEN without a durable DECISION");
        assertEquals("MANUAL", f.state());
        assertTrue(f.lane.snapshot().alarm().contains("could not journal"));
    }

    @Test
    void malformedObservationsAreCountedAndIgnored() {
        LaneFixture f = idleLane();
        f.camera.observe(new org.borderedge.device.Observation.PlateObserved(null, 0.9, null, f.time.instant()));
        f.barrier.observe(new org.borderedge.device.Observation.LoopChanged(null, true, f.time.instant()));
        f.eseal.observe(new org.borderedge.device.Observation.SealObserved(" ", SealLock.LOCKED, null, null, null, f.time.instant()));
        assertEquals(3, f.lane.rejectedObservations());
        assertEquals("IDLE", f.state());
        assertTrue(f.outbox.all().isEmpty());
    }

    @Test
    void manualActionsAreValidatedAndRecorded() {
        LaneFixture f = idleLane();
        assertEquals(ManualResult.Status.INVALID, f.lane.manual(ManualAction.OPEN, "tech1", "").status());
        assertEquals(ManualResult.Status.INVALID, f.lane.manual(ManualAction.OPEN, null, "why").status());
        assertEquals(ManualResult.Status.REFUSED_STATE, f.lane.manual(ManualAction.RELEASE, "tech1", "nothing").status());
        assertTrue(f.outbox.of(EventType.MANUAL_OVERRIDE).size() == 1, "refusals are recorded, malformed requests are not");

        assertTrue(f.lane.manual(ManualAction.OPEN, "tech1", "oversize escort").accepted());
        assertEquals("MANUAL", f.state());
        assertEquals(List.of(OPEN), f.barrierCommands());
        f.safety(true);
        assertEquals(ManualResult.Status.REFUSED_INTERLOCK, f.lane.manual(ManualAction.CLOSE, "tech1", "done").status());
        f.safety(false);
        assertEquals(ManualResult.Status.REFUSED_INTERLOCK, f.lane.manual(ManualAction.CLOSE, "tech1", "done").status(),
                "within the clearance delay");
        f.advance(Duration.ofSeconds(2));
        assertTrue(f.lane.manual(ManualAction.CLOSE, "tech1", "done").accepted());
        assertEquals(List.of(OPEN, CLOSE), f.barrierCommands());
        assertTrue(f.lane.manual(ManualAction.RELEASE, "tech1", "back to automatic").accepted());
        assertEquals("IDLE", f.state());
        assertEquals(6, f.outbox.of(EventType.MANUAL_OVERRIDE).size());
    }

    @Test
    void holdStopsTheLaneUntilRelease() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        assertTrue(f.lane.manual(ManualAction.HOLD, "tech1", "scanner maintenance").accepted());
        assertEquals("HELD", f.state());
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertTrue(f.barrierCommands().isEmpty());
        assertTrue(f.lane.manual(ManualAction.RELEASE, "tech1", "maintenance done").accepted());
        assertEquals("WEIGHING", f.state(), "the waiting vehicle starts its cycle with what was read meanwhile");
        f.weight(20_000);
        assertEquals(List.of(OPEN), f.barrierCommands());
    }

    @Test
    void backToBackCyclesRunIndefinitely() {
        LaneFixture f = idleLane();
        for (int i = 0; i < 50; i++) {
            String plate = String.format("51F-%03d.%02d", i, i % 100);
            f.declare("D" + i, plate, 20_000, Channel.GREEN, "SEAL-" + i);
        }
        f.arrive(String.format("51F-%03d.%02d", 0, 0), 20_000, "SEAL-0", SealLock.LOCKED);
        for (int i = 1; i < 50; i++) {
            // The next truck queues on the presence loop and is read while the previous one passes.
            f.presence(false);
            f.safety(true);
            f.presence(true);
            f.plate(String.format("51F-%03d.%02d", i, i % 100));
            f.seal("SEAL-" + i, SealLock.LOCKED);
            f.advance(Duration.ofMillis(500));
            f.exit(true);
            f.safety(false);
            f.exit(false);
            f.run(Duration.ofMillis(2000));
            f.weight(20_000);
        }
        assertEquals(49, f.outbox.of(EventType.CYCLE_COMPLETED).size());
        assertEquals(50, f.count(OPEN));
        assertEquals(49, f.count(CLOSE));
        assertEquals("PASSING", f.state());
        assertEquals(0, f.outbox.of(EventType.ALARM).size());
    }

    @Test
    void stageDurationsComeFromTheTickerNotTheWallClock() {
        LaneFixture f = idleLane();
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.presence(true);
        f.advance(Duration.ofMillis(400));
        f.time.stepWallClock(Duration.ofHours(-1));
        f.plate(PLATE);
        f.weight(20_000);
        f.seal("SEAL-1", SealLock.LOCKED);
        f.driveThrough();
        f.run(Duration.ofSeconds(2));
        Map<?, ?> durations = (Map<?, ?>) f.last(EventType.CYCLE_COMPLETED).payload().get("durationsMs");
        assertEquals(400.0, ((Number) durations.get("IDENTIFIED")).doubleValue(), 0.001);
        assertTrue(durations.values().stream().allMatch(v -> ((Number) v).doubleValue() >= 0));
    }

    @Test
    void portLaneChecksContainersAgainstTheDeclaration() {
        assertFalse(LaneFixture.roadImport().config.checkContainers, "road lanes do not check containers by default");
        LaneFixture p = new LaneFixture("P1", LaneType.PORT_GATE_OUT, b -> {
        });
        assertTrue(p.config.checkContainers);
        p.startIdle();
        p.ref.declare(new Declaration("D1", Set.of(PLATE), Set.of("CSQU3054383"), Set.of(), BigDecimal.valueOf(20_000),
                Channel.GREEN));
        p.presence(true);
        p.weight(20_000);
        p.plate(PLATE);
        assertEquals("IDENTIFYING", p.state(), "waits for the declared container");
        p.container("CBHU3202732");
        p.run(Duration.ofSeconds(10));
        assertEquals("HELD", p.state());
        Map<String, Object> containers = rule(p.last(EventType.DECISION), "containers");
        assertEquals("HOLD", containers.get("outcome"));
        assertTrue(((String) containers.get("reason")).contains("CBHU3202732"));
    }

    @Test
    void portLaneReleasesWhenTheDeclaredContainerIsRead() {
        LaneFixture p = new LaneFixture("P1", LaneType.PORT_GATE_OUT, b -> {
        });
        p.startIdle();
        p.ref.declare(new Declaration("D1", Set.of(PLATE), Set.of("CSQU3054383"), Set.of(), BigDecimal.valueOf(20_000),
                Channel.GREEN));
        p.presence(true);
        p.weight(20_000);
        p.plate(PLATE);
        p.container("CSQU 305438 3");
        assertEquals("RELEASE", p.last(EventType.DECISION).payload().get("verdict"));
        assertEquals(List.of(OPEN), p.barrierCommands());
    }

    @Test
    void oneLanesFaultDoesNotDisturbAnother() {
        LaneFixture a = new LaneFixture("A", b -> {
        });
        LaneFixture b = new LaneFixture("B", x -> {
        });
        a.startIdle();
        b.startIdle();
        a.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        b.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        a.camera.status(DeviceStatus.offline("camera unplugged", a.time.instant()));
        a.barrier.status(DeviceStatus.offline("relay board gone", a.time.instant()));
        assertEquals("MANUAL", a.state());
        b.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        b.driveThrough();
        b.run(Duration.ofSeconds(2));
        assertEquals("IDLE", b.state());
        assertEquals(1, b.outbox.of(EventType.CYCLE_COMPLETED).size());
    }

    @Test
    void listenersSeeLiveSnapshots() {
        LaneFixture f = idleLane();
        List<LaneState> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.lane.addListener(s -> seen.add(s.state()));
        f.declare("D1", PLATE, 20_000, Channel.GREEN, "SEAL-1");
        f.arrive(PLATE, 20_000, "SEAL-1", SealLock.LOCKED);
        assertTrue(seen.contains(LaneState.IDENTIFYING));
        assertEquals(LaneState.PASSING, seen.get(seen.size() - 1));
        LaneSnapshot s = f.lane.snapshot();
        assertEquals("51F67890", s.vehicle().plate());
        assertEquals("D1", s.vehicle().declarationId());
        assertEquals("RELEASE", s.vehicle().decision().verdict().name());
        assertEquals("OPEN", s.barrier());
    }
}
