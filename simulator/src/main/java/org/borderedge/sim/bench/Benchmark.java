package org.borderedge.sim.bench;

import java.util.List;

/**
 * One benchmark of the suite. A benchmark may produce several figures (e.g. p50 and p99); its
 * {@link #names()} are the figure names it prints, as design.md section 3 fixes them.
 */
public interface Benchmark {

    List<String> names();

    /**
     * Runs the benchmark and reports each figure to {@code out} as soon as it is known.
     *
     * @param quick reduced sizes, same method: the whole suite must finish in under 60 s with it
     */
    void run(boolean quick, BenchOutput out) throws Exception;
}
