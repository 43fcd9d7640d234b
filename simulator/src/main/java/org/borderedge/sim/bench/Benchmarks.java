package org.borderedge.sim.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark suite, in the order `bench` runs it. Register a new benchmark here. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        List<Benchmark> all = new ArrayList<>();
        all.add(new LaneDecisionBenchmark());
        all.add(new org.borderedge.sim.modbus.ModbusPollBenchmark());
        all.add(new StoreAppendBenchmark());
        all.add(new SyncDrainBenchmark());
        all.add(new org.borderedge.sim.anpr.AnprBenchmark());
        // Last: it starts a whole demo gateway, about 20 s of the --quick budget.
        all.add(new FootprintBenchmark());
        return all;
    }
}
