package org.borderedge.lane.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.borderedge.core.Channel;
import org.borderedge.core.ContainerNumber;
import org.borderedge.core.Declaration;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.LaneType;
import org.borderedge.core.Plate;
import org.borderedge.core.WeighingResult;
import org.borderedge.core.WeightUnit;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceKinds;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.Loop;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.device.Observation.ScanVerdict;
import org.borderedge.testing.FakeTime;

/**
 * One lane with in-memory devices, fake time, an in-memory journal and reference data. Scenario tests
 * talk only in device terms (loops, plates, weights, seals, scans) so the same scenarios can be
 * re-pointed at the real simulators.
 */
final class LaneFixture {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    final FakeTime time = new FakeTime(T0);
    final MemoryOutbox outbox = new MemoryOutbox();
    final MemoryReferenceData ref = new MemoryReferenceData(T0);
    final LaneConfig config;
    final TestDevice barrier;
    final TestDevice scale;
    final TestDevice camera;
    final TestDevice qr;
    final TestDevice eseal;
    final TestDevice scanner;
    LaneRuntime lane;

    LaneFixture(String laneId, Consumer<LaneConfig.Builder> tweak) {
        this(laneId, LaneType.ROAD_IMPORT, tweak);
    }

    LaneFixture(String laneId, LaneType type, Consumer<LaneConfig.Builder> tweak) {
        LaneConfig.Builder b = LaneConfig.builder(laneId, type);
        tweak.accept(b);
        config = b.build();
        barrier = new TestDevice(laneId + "-barrier", DeviceKinds.BARRIER, laneId);
        scale = new TestDevice(laneId + "-scale", DeviceKinds.SCALE, laneId);
        camera = new TestDevice(laneId + "-camera", DeviceKinds.CAMERA, laneId);
        qr = new TestDevice(laneId + "-qr", DeviceKinds.QR_READER, laneId);
        eseal = new TestDevice(laneId + "-eseal", DeviceKinds.ESEAL_READER, laneId);
        scanner = new TestDevice("scanner-1", DeviceKinds.SCANNER, "");
        // The barrier's limit switches follow its commands, as the relay board reports them.
        barrier.responder = c -> c instanceof DeviceCommand.Barrier bc && bc.action() != BarrierAction.STOP
                ? List.of(new Observation.BarrierPositionChanged(
                        bc.action() == BarrierAction.OPEN ? BarrierPosition.OPEN : BarrierPosition.CLOSED, time.instant()))
                : List.of();
        lane = newRuntime();
    }

    static LaneFixture roadImport() {
        return new LaneFixture("L1", b -> {
        });
    }

    LaneRuntime newRuntime() {
        LaneRuntime rt = new LaneRuntime(config, time, time, ref, () -> outbox);
        for (TestDevice d : List.of(barrier, scale, camera, qr, eseal, scanner)) {
            rt.bind(d);
        }
        return rt;
    }

    /** The relay board reports its inputs once it is online: all loops clear, boom closed. */
    LaneFixture startIdle() {
        presence(false);
        safety(false);
        exit(false);
        boom(BarrierPosition.CLOSED);
        return this;
    }

    // ------------------------------------------------------------------ device facts

    void presence(boolean occupied) {
        barrier.observe(new Observation.LoopChanged(Loop.PRESENCE, occupied, time.instant()));
    }

    void safety(boolean occupied) {
        barrier.observe(new Observation.LoopChanged(Loop.SAFETY, occupied, time.instant()));
    }

    void exit(boolean occupied) {
        barrier.observe(new Observation.LoopChanged(Loop.EXIT, occupied, time.instant()));
    }

    void boom(BarrierPosition p) {
        barrier.observe(new Observation.BarrierPositionChanged(p, time.instant()));
    }

    void plate(String raw) {
        plate(raw, 0.93);
    }

    void plate(String raw, double confidence) {
        camera.observe(new Observation.PlateObserved(Plate.of(raw), confidence, "img-" + raw, time.instant()));
    }

    void container(String text) {
        camera.observe(new Observation.ContainerObserved(text, ContainerNumber.isValid(text), 0.9, null, time.instant()));
    }

    void weight(double kg) {
        scale.observe(new Observation.WeightObserved(WeighingResult.stable(BigDecimal.valueOf(kg), WeightUnit.KG, time.instant())));
    }

    void weightInMotion(double kg) {
        scale.observe(new Observation.WeightObserved(WeighingResult.motion(BigDecimal.valueOf(kg), WeightUnit.KG, time.instant())));
    }

    void seal(String id, SealLock lock) {
        eseal.observe(new Observation.SealObserved(id, lock, 87, 21.0, 106.7, time.instant()));
    }

    void qr(String declarationId) {
        qr.observe(new Observation.QrObserved("VNACCS|" + declarationId, declarationId, time.instant()));
    }

    /** A code shown at the QR reader that is not a declaration (e.g. a BERES1 resident code). */
    void code(String payload) {
        qr.observe(new Observation.QrObserved(payload, "", time.instant()));
    }

    void scan(ScanVerdict verdict) {
        String requestId = scanner.commands().stream().filter(c -> c instanceof DeviceCommand.ScanRequest)
                .map(c -> ((DeviceCommand.ScanRequest) c).requestId()).reduce((a, b) -> b).orElseThrow();
        scanner.observe(new Observation.ScanCompleted(requestId, verdict, "scan-" + requestId, "test", time.instant()));
    }

    void advance(Duration d) {
        time.advance(d);
        lane.tick();
    }

    /** Advances in 100 ms steps like the component's timer. */
    void run(Duration d) {
        for (long ms = 0; ms < d.toMillis(); ms += 100) {
            advance(Duration.ofMillis(100));
        }
    }

    // ------------------------------------------------------------------ common vehicles

    Declaration declare(String id, String plate, double grossKg, Channel channel, String... seals) {
        Declaration d = new Declaration(id, Set.of(plate), Set.of(), Set.of(seals), BigDecimal.valueOf(grossKg), channel);
        ref.declare(d);
        return d;
    }

    /** Arrival on the presence loop, stable weight, seal, then the plate read. */
    void arrive(String plate, double kg, String sealId, SealLock lock) {
        presence(true);
        weight(kg);
        if (sealId != null) {
            seal(sealId, lock);
        }
        plate(plate);
    }

    /** The released vehicle drives under the open boom and out over the exit loop. */
    void driveThrough() {
        presence(false);
        safety(true);
        advance(Duration.ofMillis(800));
        exit(true);
        safety(false);
        advance(Duration.ofMillis(500));
        exit(false);
    }

    // ------------------------------------------------------------------ what happened

    List<BarrierAction> barrierCommands() {
        return barrier.commands().stream().filter(c -> c instanceof DeviceCommand.Barrier)
                .map(c -> ((DeviceCommand.Barrier) c).action()).toList();
    }

    long count(BarrierAction a) {
        return barrierCommands().stream().filter(a::equals).count();
    }

    List<EventType> eventTypes() {
        return outbox.all().stream().map(GateEvent::type).toList();
    }

    GateEvent last(EventType t) {
        return outbox.last(t);
    }

    String state() {
        return lane.state();
    }
}
