package org.borderedge.sim.bench;

/** Where benchmarks report figures: one JSON object per line {"name","value","unit"}. */
@FunctionalInterface
public interface BenchOutput {

    void figure(String name, double value, String unit);
}
