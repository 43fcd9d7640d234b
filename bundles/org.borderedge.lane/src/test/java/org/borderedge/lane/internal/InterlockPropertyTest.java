package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.borderedge.core.Channel;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.device.Observation.ScanVerdict;
import org.borderedge.lane.ManualAction;

/**
 * The safety interlock over random interleavings of device events, time, faults, restarts and manual
 * actions: whenever the barrier is handed CLOSE, the safety loop as last reported is clear and has
 * been clear for the clearance delay; and a lane whose barrier device is down is MANUAL (or starting),
 * never in an automatic state with an unknown barrier.
 */
class InterlockPropertyTest {

    private static final Duration CLEARANCE = Duration.ofMillis(1500);

    sealed interface Step {
    }

    record Loop(Observation.Loop loop, boolean occupied) implements Step {
    }

    record Boom(BarrierPosition position) implements Step {
    }

    record Plate(int vehicle) implements Step {
    }

    record Weight(int kg) implements Step {
    }

    record Seal(SealLock lock) implements Step {
    }

    record Qr(int vehicle) implements Step {
    }

    record Scan(ScanVerdict verdict) implements Step {
    }

    record Advance(int millis) implements Step {
    }

    record DeviceDown(int device, boolean down) implements Step {
    }

    record BarrierAnswers(boolean autoLimits, boolean refuses) implements Step {
    }

    record Manual(ManualAction action) implements Step {
    }

    record Restart() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> loop = Combinators.combine(Arbitraries.of(Observation.Loop.class), Arbitraries.of(true, false)).as(Loop::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, loop),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(BarrierPosition.class).map(Boom::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 3).map(Plate::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(15_000, 30_000).map(Weight::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SealLock.class).map(Seal::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 3).map(Qr::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ScanVerdict.class).map(Scan::new)),
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 4000).map(Advance::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(true, false)).as(DeviceDown::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false, false, false)).as(BarrierAnswers::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(ManualAction.class).map(Manual::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())));
        return step.list().ofMinSize(1).ofMaxSize(250);
    }

    @Property(tries = 400)
    void closeIsNeverCommandedOverAnOccupiedOrRecentlyClearedSafetyLoop(@ForAll("steps") @Size(max = 250) List<Step> steps) {
        LaneFixture f = new LaneFixture("L1", b -> b.clearanceDelay(CLEARANCE).identificationTimeout(Duration.ofSeconds(3))
                .weighingTimeout(Duration.ofSeconds(5)).sealTimeout(Duration.ofSeconds(5)).scanTimeout(Duration.ofSeconds(20))
                .barrierTimeout(Duration.ofSeconds(5)).startupGrace(Duration.ofSeconds(1)));
        String[] plates = {"51F-678.90", "29C-123.45", "14C-888.01", "51F-67B.90"};
        f.declare("D0", plates[0], 20_000, Channel.GREEN, "SEAL-0");
        f.declare("D1", plates[1], 20_000, Channel.RED, "SEAL-1");
        f.declare("D2", plates[2], 22_000, Channel.YELLOW);
        List<TestDevice> devices = List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal, f.scanner);

        Oracle oracle = new Oracle(f);
        boolean[] autoLimits = {true};
        f.barrier.responder = c -> {
            if (c instanceof DeviceCommand.Barrier b) {
                oracle.commanded(b.action());
                if (autoLimits[0] && b.action() != BarrierAction.STOP) {
                    return List.of(new Observation.BarrierPositionChanged(
                            b.action() == BarrierAction.OPEN ? BarrierPosition.OPEN : BarrierPosition.CLOSED, f.time.instant()));
                }
            }
            return List.of();
        };

        for (Step s : steps) {
            if (s instanceof Loop l) {
                f.barrier.observe(new Observation.LoopChanged(l.loop(), l.occupied(), f.time.instant()));
                if (l.loop() == Observation.Loop.SAFETY) {
                    oracle.safety(l.occupied());
                }
            } else if (s instanceof Boom b) {
                f.boom(b.position());
            } else if (s instanceof Plate p) {
                f.plate(plates[p.vehicle()]);
            } else if (s instanceof Weight w) {
                f.weight(w.kg());
            } else if (s instanceof Seal seal) {
                f.seal("SEAL-0", seal.lock());
            } else if (s instanceof Qr q) {
                f.qr("D" + q.vehicle());
            } else if (s instanceof Scan sc) {
                boolean requested = f.scanner.commands().stream().anyMatch(c -> c instanceof DeviceCommand.ScanRequest);
                if (requested) {
                    f.scan(sc.verdict());
                }
            } else if (s instanceof Advance a) {
                f.advance(Duration.ofMillis(a.millis()));
            } else if (s instanceof DeviceDown d) {
                TestDevice dev = devices.get(d.device());
                dev.status(d.down() ? DeviceStatus.offline("test fault", f.time.instant()) : DeviceStatus.online(f.time.instant()));
            } else if (s instanceof BarrierAnswers ba) {
                autoLimits[0] = ba.autoLimits();
                f.barrier.result = ba.refuses() ? CommandResult.refused("test refusal") : CommandResult.ok();
            } else if (s instanceof Manual m) {
                var before = f.state();
                var r = f.lane.manual(m.action(), "tech", "property test");
                if (m.action() == ManualAction.CLOSE && r.accepted()) {
                    assertTrue(oracle.lastCommand == BarrierAction.CLOSE, "accepted CLOSE from " + before + " reached the barrier");
                }
            } else if (s instanceof Restart) {
                for (TestDevice d : devices) {
                    f.lane.unbind(d);
                }
                f.lane = f.newRuntime();
            }
            assertTrue(oracle.violations.isEmpty(), () -> oracle.violations + " after " + s);
            if (!f.barrier.status().isOnline()) {
                String st = f.state();
                assertTrue(st.equals("MANUAL") || st.equals("STARTING"), "barrier offline but lane is " + st + " after " + s);
            }
        }
    }

    /** Ground truth as the test delivered it; checks every barrier command at the moment it is handed over. */
    private static final class Oracle {
        private final LaneFixture f;
        private Boolean safetyOccupied;
        private long clearSince;
        BarrierAction lastCommand;
        final List<String> violations = new ArrayList<>();

        Oracle(LaneFixture f) {
            this.f = f;
        }

        void safety(boolean occupied) {
            if (!occupied && !Boolean.FALSE.equals(safetyOccupied)) {
                clearSince = f.time.nanos();
            }
            safetyOccupied = occupied;
        }

        void commanded(BarrierAction action) {
            lastCommand = action;
            if (action != BarrierAction.CLOSE) {
                return;
            }
            if (!Boolean.FALSE.equals(safetyOccupied)) {
                violations.add("CLOSE while the safety loop is " + (safetyOccupied == null ? "unreported" : "occupied"));
            } else if (f.time.nanos() - clearSince < CLEARANCE.toNanos()) {
                violations.add("CLOSE " + (f.time.nanos() - clearSince) / 1_000_000 + " ms after the safety loop cleared");
            }
        }
    }

    @Property(tries = 50)
    void theOracleItselfCatchesACloseOverAnOccupiedLoop(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1400) int ms) {
        // Guards the guard: a CLOSE handed over too early must be reported by the oracle.
        LaneFixture f = LaneFixture.roadImport();
        Oracle oracle = new Oracle(f);
        oracle.safety(true);
        oracle.safety(false);
        f.time.advance(Duration.ofMillis(ms));
        oracle.commanded(BarrierAction.CLOSE);
        assertEquals(1, oracle.violations.size());
    }
}
