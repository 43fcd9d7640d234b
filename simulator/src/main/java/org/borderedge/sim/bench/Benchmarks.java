package org.borderedge.sim.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark suite, in the order `bench` runs it. Register a new benchmark here. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        List<Benchmark> all = new ArrayList<>();
        all.add(new org.borderedge.sim.anpr.AnprBenchmark());
        return all;
    }
}
