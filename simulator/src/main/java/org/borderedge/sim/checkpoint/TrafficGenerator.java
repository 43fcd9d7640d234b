package org.borderedge.sim.checkpoint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.sim.scenario.Scenario;
import org.borderedge.sim.serial.QrReaderSimulator;

/**
 * Continuous traffic for the demo: per truck lane, one truck after another with a realistic mix of
 * the cases a gate sees (mostly green, some yellow and red with a scan, and the trucks the gate must
 * hold: overweight, watchlisted, tampered seal, unknown plate), each with its declaration in the
 * central's reference data. Trucks under customs seal get their seal's whole life at the gate
 * ({@link SealDesk}): issued and applied where goods leave for inland, removed and returned to the
 * pool where they arrive from inland, one now and then reporting a low battery. Per resident-trade
 * lane, border residents show their purchase code: three regulars who buy until their daily quota
 * is used up (then the lane holds them), newcomers, and now and then one whose goods alone exceed
 * the quota. On a fresh data dir the first visit of every lane is released, so a cycle completes
 * early; after a restart the same day the regulars' quota is still used up.
 */
public final class TrafficGenerator implements AutoCloseable {

    /** What kind of visit comes next. */
    public enum Kind {
        GREEN, SEALED, SEAL_LOW_BATTERY, YELLOW, RED_SCAN, OVERWEIGHT, WATCHLIST, TAMPERED_SEAL, UNKNOWN_PLATE,
        /** A regular border resident (their purchases add up towards the quota). */
        RESIDENT,
        /** A resident seen for the first time in this run. */
        RESIDENT_NEWCOMER,
        /** A newcomer whose goods alone are worth more than the quota. */
        RESIDENT_OVER_QUOTA
    }

    /** The order each truck lane's vehicles come in, repeated: half green, a quarter of them under seal. */
    static final List<Kind> ROUND = List.of(Kind.GREEN, Kind.SEALED, Kind.YELLOW, Kind.SEAL_LOW_BATTERY, Kind.RED_SCAN,
            Kind.OVERWEIGHT, Kind.SEALED, Kind.WATCHLIST, Kind.GREEN, Kind.TAMPERED_SEAL, Kind.SEALED, Kind.UNKNOWN_PLATE);

    /** A resident's code: who, and the value of the goods carried this time. */
    public record Resident(String id, String name, long valueVnd) {
    }

    /** One visit to a lane: the vehicle (a resident's when {@code resident} is set) and what its seal reports. */
    record Visit(Kind kind, Scenario.Vehicle vehicle, Integer sealBatteryPct, Resident resident) {
    }

    /** A seal reporting this much battery is flagged for repair (the inventory's default threshold is 20 %). */
    static final int LOW_BATTERY_PCT = 12;

    private static final int ROUNDS = 4;
    private static final String[] REGULAR_NAMES = {"Nguyen Thi Lan", "Hoang Van Minh", "Be Thi Hoa"};
    private static final String[] NEWCOMER_NAMES = {"Vi Van Duc", "Luong Thi Mai", "Nong Van Tuan", "Chu Thi Hanh"};
    /** A resident lane's visits, repeated: regular index (or -1 newcomer, -2 over-quota newcomer) and goods value. */
    private static final long[][] RESIDENT_ROUND = {{0, 700_000}, {-1, 450_000}, {1, 1_100_000}, {-2, 2_400_000}, {0, 800_000},
            {-1, 1_300_000}, {2, 600_000}, {0, 900_000}, {-1, 350_000}, {1, 1_200_000}, {-1, 900_000}, {2, 500_000}};

    private final Map<String, List<Visit>> visitsByLane = new LinkedHashMap<>();
    private final Map<String, SealDesk.Role> roles = new LinkedHashMap<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<Map<String, Object>> watchlist = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String runTag;
    private final AtomicInteger newcomers = new AtomicInteger();
    private volatile boolean running;

    /**
     * Prepares {@value #ROUNDS} rounds of trucks per truck lane, a round of resident visits per
     * resident lane, and the declarations that go with the trucks. {@code runTag} (letters and
     * digits) keeps this run's newcomers and new seals apart from those of earlier runs on the same
     * data dir, whose quota ledger and seal inventory the gateway still holds.
     */
    public TrafficGenerator(List<SimulatedCheckpoint.LaneSpec> lanes, long seed, String runTag) {
        this.runTag = runTag;
        Random random = new Random(seed);
        int laneNo = 0;
        for (SimulatedCheckpoint.LaneSpec lane : lanes) {
            List<Visit> visits = new ArrayList<>();
            SealDesk.Role role = SealDesk.Role.of(lane.type());
            roles.put(lane.id(), role);
            if (SimulatedCheckpoint.RESIDENT_TRADE.equals(lane.type())) {
                for (long[] visit : RESIDENT_ROUND) {
                    visits.add(residentVisit(lane.id(), laneNo, (int) visit[0], visit[1]));
                }
            } else {
                int n = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    for (Kind kind : ROUND) {
                        n++;
                        // A drained battery shows where seals come back from a trip; an issued seal is a charged one.
                        Kind k = kind == Kind.SEAL_LOW_BATTERY && role != SealDesk.Role.REMOVE ? Kind.SEALED : kind;
                        visits.add(vehicle(lane.id(), role, laneNo, n, k, random));
                    }
                }
            }
            visitsByLane.put(lane.id(), visits);
            laneNo++;
        }
    }

    private Visit vehicle(String lane, SealDesk.Role role, int laneNo, int n, Kind kind, Random random) {
        String[] provinces = {"12C", "14C", "15C", "29C", "51D", "51F"};
        String plate = String.format("%s-%d%02d.%02d", provinces[(laneNo + n) % provinces.length], laneNo + 1, n, random.nextInt(100));
        String declId = String.format("30%d%09d", laneNo + 1, n);
        // The seal the truck arrives with (where seals are removed, or a tampered one): one id per lane and truck.
        String sealId = String.format("VNSEAL-%d%05d", laneNo + 1, n);
        long gross = 15_000 + random.nextInt(15) * 1000L;
        long measured = gross + random.nextInt(300) - 150;
        String seal = null;
        String lock = "LOCKED";
        Integer battery = null;
        Channel channel = Channel.GREEN;
        String scan = null;
        String expect = "RELEASE";
        switch (kind) {
            case GREEN, RESIDENT, RESIDENT_NEWCOMER, RESIDENT_OVER_QUOTA -> {
            }
            case SEALED, SEAL_LOW_BATTERY -> {
                // Where seals are applied the truck arrives without one: the officer issues it at the lane.
                if (role == SealDesk.Role.REMOVE) {
                    seal = sealId;
                    battery = kind == Kind.SEAL_LOW_BATTERY ? LOW_BATTERY_PCT : null;
                }
            }
            case YELLOW -> {
                channel = Channel.YELLOW;
                expect = "INSPECT";
            }
            case RED_SCAN -> {
                channel = Channel.RED;
                scan = random.nextInt(4) == 0 ? "SUSPECT" : "CLEAR";
                expect = "INSPECT";
            }
            case OVERWEIGHT -> {
                measured = gross + 4000 + random.nextInt(3000);
                expect = "HOLD";
            }
            case WATCHLIST -> {
                watchlist.add(Map.of("subject", "PLATE", "value", org.borderedge.core.Plate.normalise(plate),
                        "reason", "vehicle on the smuggling watchlist"));
                expect = "HOLD";
            }
            case TAMPERED_SEAL -> {
                seal = sealId;
                lock = "TAMPERED";
                expect = "HOLD";
            }
            case UNKNOWN_PLATE -> expect = "HOLD";
        }
        if (kind != Kind.UNKNOWN_PLATE) {
            declarations.add(new Declaration(declId, Set.of(plate), Set.of(), seal == null ? Set.of() : Set.of(seal),
                    BigDecimal.valueOf(gross), channel));
        }
        return new Visit(kind, new Scenario.Vehicle(Duration.ZERO, lane, plate, null, kind == Kind.UNKNOWN_PLATE ? null : declId,
                List.of(), (double) measured, seal, lock, scan, Duration.ZERO, false, expect), battery, null);
    }

    /** A resident's visit; newcomers get their id when they come ({@link #newcomer}). */
    private Visit residentVisit(String lane, int laneNo, int regular, long valueVnd) {
        if (regular < 0) {
            Kind kind = regular == -1 ? Kind.RESIDENT_NEWCOMER : Kind.RESIDENT_OVER_QUOTA;
            return new Visit(kind, null, null, new Resident(null, NEWCOMER_NAMES[(int) (valueVnd / 100_000) % NEWCOMER_NAMES.length],
                    valueVnd));
        }
        Resident r = new Resident(String.format("LS-%d-%04d", laneNo + 1, 3381 + 1746 * regular), REGULAR_NAMES[regular], valueVnd);
        return new Visit(Kind.RESIDENT, residentVehicle(lane, r), null, r);
    }

    private Visit newcomer(String lane, Visit v) {
        Resident r = new Resident(String.format("LS-%s-%03d", runTag, newcomers.incrementAndGet()), v.resident().name(),
                v.resident().valueVnd());
        return new Visit(v.kind(), residentVehicle(lane, r), null, r);
    }

    private static Scenario.Vehicle residentVehicle(String lane, Resident r) {
        // The decision depends on what the ledger already holds for the day, so no expectation is set.
        return new Scenario.Vehicle(Duration.ZERO, lane, null, null, QrReaderSimulator.resident(r.id(), r.name(), r.valueVnd()),
                List.of(), null, null, null, null, Duration.ZERO, false, null);
    }

    public List<Declaration> declarations() {
        return List.copyOf(declarations);
    }

    public List<Map<String, Object>> watchlist() {
        return List.copyOf(watchlist);
    }

    /** The lane's vehicles in order (residents' newcomers without their id: they get it when they come). */
    public List<Scenario.Vehicle> vehicles(String laneId) {
        return visitsByLane.get(laneId).stream().map(Visit::vehicle).toList();
    }

    /** Starts one driver thread per lane; each outcome is reported to {@code log}. */
    public synchronized void start(SimulatedCheckpoint checkpoint, Consumer<String> log) {
        running = true;
        SealDesk seals = new SealDesk(checkpoint, "VNSEAL-" + runTag + "-");
        for (Map.Entry<String, List<Visit>> lane : visitsByLane.entrySet()) {
            Thread t = new Thread(() -> drive(checkpoint, seals, lane.getKey(), lane.getValue(), log), "traffic-" + lane.getKey());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void drive(SimulatedCheckpoint checkpoint, SealDesk seals, String laneId, List<Visit> visits, Consumer<String> log) {
        Random pause = new Random();
        SealDesk.Role role = roles.get(laneId);
        for (int i = 0; running; i = (i + 1) % visits.size()) {
            Visit visit = visits.get(i);
            String who = visit.resident() != null ? "resident" : visit.vehicle().plate();
            try {
                if (visit.kind() == Kind.RESIDENT_NEWCOMER || visit.kind() == Kind.RESIDENT_OVER_QUOTA) {
                    visit = newcomer(laneId, visit);
                }
                Scenario.Vehicle v = visit.vehicle();
                String sealNote = "";
                if (visit.resident() != null) {
                    who = visit.resident().id() + " " + visit.resident().name() + ", " + visit.resident().valueVnd() + " VND";
                } else if (role == SealDesk.Role.APPLY && (visit.kind() == Kind.SEALED || visit.kind() == Kind.SEAL_LOW_BATTERY)) {
                    SealDesk.Issued issued = seals.issue(laneId, v.qr(), v.plate());
                    sealNote = "; " + issued.note();
                    if (issued.sealId() != null) {
                        v = withSeal(v, issued.sealId());
                    }
                }
                VehicleDriver.Outcome o = checkpoint.driver().drive(v, visit.sealBatteryPct());
                if (role == SealDesk.Role.REMOVE && v.sealId() != null && o.passed()) {
                    sealNote = "; " + seals.remove(laneId, v.sealId());
                }
                log.accept(String.format("traffic %s %s (%s): %s, %s%s", laneId, who, visit.kind(),
                        o.verdicts().isEmpty() ? "no decision" : String.join(" > ", o.verdicts()), o.note(), sealNote));
                Thread.sleep(1000 + pause.nextInt(2000));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.accept("traffic " + laneId + " " + who + ": driver failed: " + e);
                }
            }
        }
    }

    private static Scenario.Vehicle withSeal(Scenario.Vehicle v, String sealId) {
        return new Scenario.Vehicle(v.at(), v.lane(), v.plate(), v.cameraReads(), v.qr(), v.containers(), v.weightKg(), sealId,
                "LOCKED", v.scan(), v.stopsUnderBoom(), v.tailgater(), v.expect());
    }

    @Override
    public synchronized void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }
}
