package org.borderedge.sim.checkpoint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.sim.scenario.Scenario;

/**
 * Continuous traffic for the demo: per lane, one truck after another with a realistic mix of the
 * cases a gate sees (mostly green, some yellow and red with a scan, and the trucks the gate must
 * hold: overweight, watchlisted, tampered seal, unknown plate), each with its declaration in the
 * central's reference data. The first truck of every lane is green, so a cycle completes early.
 */
public final class TrafficGenerator implements AutoCloseable {

    /** What kind of truck comes next. */
    public enum Kind { GREEN, YELLOW, RED_SCAN, OVERWEIGHT, WATCHLIST, TAMPERED_SEAL, UNKNOWN_PLATE }

    /** The order each lane's trucks come in, repeated: about half green. */
    static final List<Kind> ROUND = List.of(Kind.GREEN, Kind.GREEN, Kind.YELLOW, Kind.GREEN, Kind.RED_SCAN, Kind.OVERWEIGHT,
            Kind.GREEN, Kind.WATCHLIST, Kind.GREEN, Kind.TAMPERED_SEAL, Kind.GREEN, Kind.UNKNOWN_PLATE);

    private static final int ROUNDS = 4;

    private final Map<String, List<Scenario.Vehicle>> vehiclesByLane = new LinkedHashMap<>();
    private final Map<String, Kind> kindByPlate = new LinkedHashMap<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<Map<String, Object>> watchlist = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** Prepares {@value #ROUNDS} rounds of trucks per lane and the declarations that go with them. */
    public TrafficGenerator(List<String> laneIds, long seed) {
        Random random = new Random(seed);
        int laneNo = 0;
        for (String lane : laneIds) {
            List<Scenario.Vehicle> vehicles = new ArrayList<>();
            int n = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (Kind kind : ROUND) {
                    n++;
                    vehicles.add(vehicle(lane, laneNo, n, kind, random));
                }
            }
            vehiclesByLane.put(lane, vehicles);
            laneNo++;
        }
    }

    private Scenario.Vehicle vehicle(String lane, int laneNo, int n, Kind kind, Random random) {
        String[] provinces = {"12C", "14C", "15C", "29C", "51D", "51F"};
        String plate = String.format("%s-%d%02d.%02d", provinces[(laneNo + n) % provinces.length], laneNo + 1, n, random.nextInt(100));
        kindByPlate.put(plate, kind);
        String declId = String.format("30%d%09d", laneNo + 1, n);
        long gross = 15_000 + random.nextInt(15) * 1000L;
        long measured = gross + random.nextInt(300) - 150;
        String seal = null;
        String lock = "LOCKED";
        Channel channel = Channel.GREEN;
        String scan = null;
        String expect = "RELEASE";
        switch (kind) {
            case GREEN -> {
                if (n % 3 == 0) {
                    seal = "VNSEAL-" + declId.substring(declId.length() - 6);
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
                seal = "VNSEAL-" + declId.substring(declId.length() - 6);
                lock = "TAMPERED";
                expect = "HOLD";
            }
            case UNKNOWN_PLATE -> expect = "HOLD";
        }
        if (kind != Kind.UNKNOWN_PLATE) {
            declarations.add(new Declaration(declId, Set.of(plate), Set.of(), seal == null ? Set.of() : Set.of(seal),
                    BigDecimal.valueOf(gross), channel));
        }
        return new Scenario.Vehicle(Duration.ZERO, lane, plate, null, kind == Kind.UNKNOWN_PLATE ? null : declId, List.of(),
                (double) measured, seal, lock, scan, Duration.ZERO, false, expect);
    }

    public List<Declaration> declarations() {
        return List.copyOf(declarations);
    }

    public List<Map<String, Object>> watchlist() {
        return List.copyOf(watchlist);
    }

    public List<Scenario.Vehicle> vehicles(String laneId) {
        return vehiclesByLane.get(laneId);
    }

    /** Starts one driver thread per lane; each outcome is reported to {@code log}. */
    public synchronized void start(SimulatedCheckpoint checkpoint, Consumer<String> log) {
        running = true;
        for (Map.Entry<String, List<Scenario.Vehicle>> lane : vehiclesByLane.entrySet()) {
            Thread t = new Thread(() -> drive(checkpoint, lane.getValue(), log), "traffic-" + lane.getKey());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void drive(SimulatedCheckpoint checkpoint, List<Scenario.Vehicle> vehicles, Consumer<String> log) {
        Random pause = new Random();
        for (int i = 0; running; i = (i + 1) % vehicles.size()) {
            Scenario.Vehicle v = vehicles.get(i);
            try {
                VehicleDriver.Outcome o = checkpoint.driver().drive(v);
                log.accept(String.format("traffic %s %s (%s): %s, %s", v.lane(), v.plate(), kindByPlate.get(v.plate()),
                        o.verdicts().isEmpty() ? "no decision" : String.join(" > ", o.verdicts()), o.note()));
                Thread.sleep(1000 + pause.nextInt(2000));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.accept("traffic " + v.lane() + " " + v.plate() + ": driver failed: " + e);
                }
            }
        }
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
