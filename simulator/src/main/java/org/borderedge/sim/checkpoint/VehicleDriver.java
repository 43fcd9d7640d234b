package org.borderedge.sim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.borderedge.core.Plate;
import org.borderedge.sim.modbus.BarrierPhysics;
import org.borderedge.sim.scanner.ScannerSimulator;
import org.borderedge.sim.scenario.Scenario;
import org.borderedge.sim.serial.ESealSimulator;

/**
 * Takes one truck and its paperwork through a lane as it happens at the gate: drives onto the
 * presence loop, the camera reads the plate (or misreads it), the driver shows the pre-declaration
 * QR, the truck rolls onto the scale, the e-seal reader sees its seal; then it waits for the boom
 * and drives through (or stops under the boom, or a second truck tailgates). When the lane holds
 * it or sends it to inspection, the driver plays the officer through the REST override API with a
 * reason: releases a truck whose documents were checked, or turns a held truck back and gives the
 * lane back. Trucks of one lane queue; different lanes run side by side.
 */
public final class VehicleDriver {

    /**
     * What happened to one vehicle: the gateway's decisions for its cycle, in order; {@code problem}
     * names a safety expectation the lane did not meet ("" when none).
     */
    public record Outcome(Scenario.Vehicle vehicle, String cycleId, List<String> verdicts, boolean passed, String note,
            String problem) {

        public Outcome(Scenario.Vehicle vehicle, String cycleId, List<String> verdicts, boolean passed, String note) {
            this(vehicle, cycleId, verdicts, passed, note, "");
        }

        /** The lane's own (first) decision: RELEASE, HOLD or INSPECT; "" when none came. */
        public String firstVerdict() {
            return verdicts.isEmpty() ? "" : verdicts.get(0);
        }
    }

    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration DWELL = Duration.ofMillis(300);
    /** The tag of a border resident's code ({@code BERES1|ID=...}): shown as it is, not as a pre-declaration QR. */
    private static final String RESIDENT_CODE = "BERES1|";
    /** Where the gate's seal reader reports seals (Huu Nghi border gate, Lang Son). */
    private static final double SEAL_LAT = 21.8537;
    private static final double SEAL_LON = 106.7615;

    private final SimulatedCheckpoint checkpoint;
    private final Map<String, ReentrantLock> laneLocks = new ConcurrentHashMap<>();
    private final ThreadLocal<String> problems = new ThreadLocal<>();

    VehicleDriver(SimulatedCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Drives the vehicle through its lane; returns once the lane is free again (or gave up, said in the note). */
    public Outcome drive(Scenario.Vehicle v) throws InterruptedException {
        return drive(v, null);
    }

    /**
     * As {@link #drive(Scenario.Vehicle)}, the vehicle's e-seal reporting {@code sealBatteryPct}
     * (null: a healthy 90 %). At a resident-trade lane the vehicle is a resident on a motorbike or
     * on foot: its {@code qr} is the resident code, shown as it is; no plate, scale or seal.
     */
    public Outcome drive(Scenario.Vehicle v, Integer sealBatteryPct) throws InterruptedException {
        ReentrantLock lock = laneLocks.computeIfAbsent(v.lane(), l -> new ReentrantLock(true));
        lock.lock();
        try {
            return driveLocked(v, sealBatteryPct);
        } finally {
            lock.unlock();
        }
    }

    private Outcome driveLocked(Scenario.Vehicle v, Integer sealBatteryPct) throws InterruptedException {
        String laneId = v.lane();
        SimulatedCheckpoint.SimLane lane = checkpoint.lane(laneId);
        BarrierPhysics barrier = checkpoint.barrier(laneId);
        GatewayFeed feed = checkpoint.feed();
        List<String> verdicts = new ArrayList<>();
        awaitLaneReady(laneId, barrier, Duration.ofSeconds(30));
        int mark = feed.mark();
        if (v.scan() != null) {
            ScannerSimulator.Verdict verdict = ScannerSimulator.Verdict.valueOf(v.scan().toUpperCase());
            checkpoint.scanner().verdictFor(Plate.normalise(v.plate()), verdict);
            checkpoint.scanner().verdictFor(v.plate(), verdict);
        }
        barrier.vehicleArrives();
        Thread.sleep(200);
        String read = v.cameraReads() != null ? v.cameraReads() : v.plate();
        if (read != null && !read.isBlank()) {
            pushPlate(lane, read);
        }
        if (v.qr() != null && !v.qr().isBlank()) {
            if (v.qr().startsWith(RESIDENT_CODE)) {
                lane.qr().present(v.qr());
            } else {
                lane.qr().presentDeclaration(v.qr(), "", "");
            }
        }
        if (v.weightKg() != null && lane.rig() != null) {
            lane.rig().scale().driveOn(Math.round(v.weightKg()), 1000);
        }
        if (v.sealId() != null && lane.rig() != null) {
            ESealSimulator.Lock sealLock = ESealSimulator.Lock.valueOf(v.sealLock().toUpperCase());
            if (sealBatteryPct == null) {
                lane.rig().eseal().present(v.sealId(), sealLock);
            } else {
                lane.rig().eseal().present(v.sealId(), sealLock, sealBatteryPct, SEAL_LAT, SEAL_LON);
            }
        }
        Optional<JsonNode> decision = feed.await(mark, GatewayFeed.of("DECISION", laneId), DECISION_TIMEOUT);
        if (decision.isEmpty()) {
            leave(lane, barrier);
            return new Outcome(v, "", verdicts, false, "no DECISION within " + DECISION_TIMEOUT.toSeconds() + " s; lane "
                    + checkpoint.laneState(laneId) + (feed.lastProblem().isEmpty() ? "" : "; feed: " + feed.lastProblem()));
        }
        String cycleId = decision.get().path("payload").path("cycleId").asText();
        String verdict = decision.get().path("payload").path("verdict").asText();
        verdicts.add(verdict);
        int afterDecision = feed.mark();
        String note;
        boolean passed;
        problems.remove();
        try {
            switch (verdict) {
                case "RELEASE" -> {
                    passed = driveThrough(v, lane, barrier, cycleId);
                    note = passed ? "passed" : "boom did not open";
                }
                case "INSPECT" -> {
                    if ("RED".equals(decision.get().path("payload").path("channel").asText())
                            && "SCANNING".equals(checkpoint.laneState(laneId))) {
                        Optional<JsonNode> after = feed.await(afterDecision, cycle("DECISION", cycleId), Duration.ofSeconds(40));
                        after.ifPresent(d -> verdicts.add(d.path("payload").path("verdict").asText()));
                        if (after.isPresent() && "RELEASE".equals(after.get().path("payload").path("verdict").asText())) {
                            passed = driveThrough(v, lane, barrier, cycleId);
                            note = "scanned, released";
                        } else {
                            turnBack(laneId, lane, barrier, "scan did not clear the truck: turned back for physical examination");
                            passed = false;
                            note = "scanned, held, turned back";
                        }
                    } else {
                        officer(laneId, "RELEASE", "documents checked by the officer at the booth: in order");
                        Optional<JsonNode> after = feed.await(afterDecision, cycle("DECISION", cycleId), Duration.ofSeconds(15));
                        after.ifPresent(d -> verdicts.add(d.path("payload").path("verdict").asText()));
                        passed = driveThrough(v, lane, barrier, cycleId);
                        note = "inspected, released by the officer";
                    }
                }
                default -> {
                    String reasons = decision.get().path("payload").path("reasons").toString();
                    turnBack(laneId, lane, barrier, (lane.residentTrade() ? "held resident turned back without the goods: "
                            : "held truck turned back to the parking area: ") + reasons);
                    passed = false;
                    note = "held " + reasons + ", turned back";
                }
            }
        } catch (IOException e) {
            leave(lane, barrier);
            return new Outcome(v, cycleId, verdicts, false, "officer action failed: " + e.getMessage());
        }
        String problem = problems.get() == null ? "" : problems.get();
        problems.remove();
        return new Outcome(v, cycleId, verdicts, passed, note, problem);
    }

    /**
     * Pushes the read. A camera does not resend an event the receiver answered, but it does retry
     * while the receiver is unreachable or not yet serving (connection refused, 404, 503).
     */
    private void pushPlate(SimulatedCheckpoint.SimLane lane, String plate) throws InterruptedException {
        SimulatedCheckpoint.Credentials c = checkpoint.credentials();
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                int status = lane.camera().pushAnpr(checkpoint.gatewayUrl().resolve("/isapi/anpr"), plate, c.cameraUser(),
                        c.cameraPassword());
                if (status != 404 && status != 503) {
                    return;
                }
            } catch (IOException e) {
                // not reachable: try again shortly
            }
            Thread.sleep(300);
        }
    }

    /** Waits for the boom, rolls off the scale and through the loops; waits for the cycle to complete. */
    private boolean driveThrough(Scenario.Vehicle v, SimulatedCheckpoint.SimLane lane, BarrierPhysics barrier, String cycleId)
            throws InterruptedException, IOException {
        int mark = checkpoint.feed().mark();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!barrier.openLimit()) {
            if (System.nanoTime() > deadline) {
                leave(lane, barrier);
                return false;
            }
            Thread.sleep(20);
        }
        Thread.sleep(DWELL.toMillis());
        if (lane.rig() != null) {
            lane.rig().scale().driveOff(600);
        }
        barrier.vehicleAdvances();
        if (!v.stopsUnderBoom().isZero()) {
            long refusedBefore = barrier.refusedCloses();
            Thread.sleep(v.stopsUnderBoom().toMillis());
            // The barrier's own safety input refused a CLOSE: the lane commanded the boom down on the truck.
            if (barrier.refusedCloses() != refusedBefore || !barrier.openLimit()) {
                problems.set("boom commanded down while the truck stood under it");
            }
        }
        Thread.sleep(DWELL.toMillis());
        barrier.vehicleAdvances();
        Thread.sleep(DWELL.toMillis());
        barrier.vehicleAdvances();
        if (v.tailgater()) {
            // A second truck slips in under the open boom behind the released one, then backs out.
            barrier.vehicleStopsUnderBoom();
            Thread.sleep(1500);
            barrier.vehicleLeaves();
            if (checkpoint.feed().await(mark, e -> "ALARM".equals(e.path("type").asText()) && v.lane().equals(e.path("laneId").asText())
                    && "TAILGATING".equals(e.path("payload").path("alarm").asText()), Duration.ofSeconds(10)).isEmpty()) {
                problems.set("no TAILGATING alarm");
            }
            Thread.sleep(600);
            officer(v.lane(), "RELEASE", "tailgating truck backed out of the lane; lane checked and given back");
        }
        checkpoint.feed().await(mark, cycle("CYCLE_COMPLETED", cycleId), Duration.ofSeconds(20));
        return true;
    }

    /** The held truck backs out of the lane; the officer gives the lane back once the loops see it gone. */
    private void turnBack(String laneId, SimulatedCheckpoint.SimLane lane, BarrierPhysics barrier, String reason)
            throws InterruptedException, IOException {
        awaitStateOtherThan(laneId, "SCANNING");
        leave(lane, barrier);
        Thread.sleep(600);
        officer(laneId, "RELEASE", reason);
    }

    private void leave(SimulatedCheckpoint.SimLane lane, BarrierPhysics barrier) {
        barrier.vehicleLeaves();
        if (lane.rig() != null) {
            lane.rig().scale().driveOff(300);
        }
    }

    /** Posts the override, retrying while the lane is not yet in a state that takes it (409). */
    private void officer(String laneId, String action, String reason) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        OfficerClient.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = checkpoint.officer().override(laneId, action, reason);
            if (last.accepted()) {
                return;
            }
            if (last.status() != 409) {
                break;
            }
            Thread.sleep(300);
        }
        throw new IOException(action + " on lane " + laneId + " refused: " + (last == null ? "no answer" : last.status() + " " + last.body()));
    }

    /** Waits (up to 5 s) for the lane to leave {@code state}; returns the state seen. */
    private String awaitStateOtherThan(String laneId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String s = checkpoint.laneState(laneId);
        while (state.equals(s) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = checkpoint.laneState(laneId);
        }
        return s;
    }

    /** The next truck drives up only to an empty lane with the boom down and the lane waiting. */
    private void awaitLaneReady(String laneId, BarrierPhysics barrier, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (barrier.vehicle() == BarrierPhysics.Zone.NONE && barrier.closeLimit() && "IDLE".equals(checkpoint.laneState(laneId))) {
                return;
            }
            Thread.sleep(100);
        }
        if (barrier.vehicle() != BarrierPhysics.Zone.NONE) {
            barrier.vehicleLeaves();
        }
    }

    static java.util.function.Predicate<JsonNode> cycle(String type, String cycleId) {
        return e -> type.equals(e.path("type").asText()) && cycleId.equals(e.path("payload").path("cycleId").asText());
    }
}
