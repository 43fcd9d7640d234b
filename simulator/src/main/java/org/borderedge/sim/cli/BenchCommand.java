package org.borderedge.sim.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.borderedge.sim.bench.Benchmark;
import org.borderedge.sim.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `bench [NAME...] [--quick]`: one JSON object per line {"name","value","unit"}. */
@Command(name = "bench", description = "Run benchmarks (all, or those named) and print one JSON line per figure.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Figure names, e.g. store.append.eps; a prefix like store. selects a group")
    List<String> names = new ArrayList<>();

    @Option(names = "--quick", description = "Reduced sizes, same method; the whole suite finishes in under 60 s")
    boolean quick;

    @Option(names = "--demo-jar", paramLabel = "FILE", description = "The demo jar the footprint benchmarks start (default: -Dborderedge.demo.jar, $BORDEREDGE_DEMO_JAR, else features/demo/target/borderedge-demo.jar of this build)")
    java.nio.file.Path demoJar;

    @Override
    public Integer call() throws Exception {
        if (demoJar != null) {
            System.setProperty("borderedge.demo.jar", demoJar.toString());
        }
        Set<Benchmark> selected = new LinkedHashSet<>();
        for (Benchmark b : Benchmarks.all()) {
            if (names.isEmpty() || b.names().stream().anyMatch(n -> names.stream().anyMatch(n::startsWith))) {
                selected.add(b);
            }
        }
        if (selected.isEmpty()) {
            System.err.println("no benchmark matches " + names + "; known: "
                    + Benchmarks.all().stream().flatMap(b -> b.names().stream()).toList());
            return 2;
        }
        // One failing benchmark (e.g. the demo jar not built) must not hide the figures of the others.
        boolean failed = false;
        for (Benchmark b : selected) {
            try {
                b.run(quick, (name, value, unit) -> System.out.println(String.format(Locale.ROOT,
                        "{\"name\":\"%s\",\"value\":%s,\"unit\":\"%s\"}", name, format(value), unit)));
            } catch (Exception e) {
                failed = true;
                System.err.println("bench " + String.join(", ", b.names()) + " failed: " + e.getMessage());
            }
            System.out.flush();
        }
        return failed ? 1 : 0;
    }

    private static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
