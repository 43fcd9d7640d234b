package org.borderedge.sim.anpr;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.anpr.Recognition;
import org.borderedge.core.Plate;
import org.borderedge.core.Ticker;

/** Exact-match and character accuracy of a recogniser over labelled images, with time per image. */
public final class AnprEvaluation {

    /** One labelled image. */
    public record Sample(String name, byte[] image, String plate, String container) {
    }

    /**
     * @param containerExpected the container number in the image, or null
     * @param containersRead    container numbers the recogniser reported
     */
    public record Outcome(String name, String expected, String read, double confidence, long micros, long cpuMicros,
            String containerExpected, List<String> containersRead) {
        public boolean exact() {
            return expected.equals(read);
        }
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final List<Outcome> outcomes = new ArrayList<>();
    private int containersExpected;
    private int containersRead;
    private int containersWrong;
    private long totalChars;
    private long charErrors;

    public Outcome add(PlateRecognizer recognizer, Sample sample, Ticker ticker) {
        long start = ticker.nanos();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        Recognition r = recognizer.recognize(sample.image());
        long micros = (ticker.nanos() - start) / 1000;
        long cpuMicros = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1000;
        String expected = Plate.normalise(sample.plate());
        String read = r.plates().isEmpty() ? "" : r.plates().get(0).plate().text();
        double confidence = r.plates().isEmpty() ? 0 : r.plates().get(0).confidence();
        Outcome o = new Outcome(sample.name(), expected, read, confidence, micros, cpuMicros, sample.container(),
                r.containers().stream().map(c -> c.number().value()).toList());
        outcomes.add(o);
        totalChars += expected.length();
        charErrors += Math.min(expected.length(), editDistance(expected, read));
        if (sample.container() != null) {
            containersExpected++;
            if (r.containers().stream().anyMatch(c -> c.number().value().equals(sample.container()))) {
                containersRead++;
            }
        }
        containersWrong += (int) r.containers().stream().filter(c -> !c.number().value().equals(sample.container())).count();
        return o;
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    public double exactPct() {
        return outcomes.isEmpty() ? 0 : 100.0 * outcomes.stream().filter(Outcome::exact).count() / outcomes.size();
    }

    public double charPct() {
        return totalChars == 0 ? 0 : 100.0 * (totalChars - charErrors) / totalChars;
    }

    public double containerPct() {
        return containersExpected == 0 ? Double.NaN : 100.0 * containersRead / containersExpected;
    }

    public int containersRead() {
        return containersRead;
    }

    /** Container numbers reported that are not the one in the image (or where there is none): must stay 0. */
    public int containersWrong() {
        return containersWrong;
    }

    public double meanMs() {
        return outcomes.stream().mapToLong(Outcome::micros).average().orElse(0) / 1000.0;
    }

    /**
     * CPU time of the calling thread per image: with one ONNX Runtime thread the recogniser runs on the
     * caller's thread, so this is the cost of an image even on a machine busy with other work.
     */
    public double meanCpuMs() {
        return outcomes.stream().mapToLong(Outcome::cpuMicros).average().orElse(0) / 1000.0;
    }

    /** As {@link #meanCpuMs()}, over the images that show a container number ({@code true}) or do not. */
    public double meanCpuMs(boolean withContainer) {
        return outcomes.stream().filter(o -> (o.containerExpected() != null) == withContainer).mapToLong(Outcome::cpuMicros)
                .average().orElse(0) / 1000.0;
    }

    public double p95Ms() {
        long[] t = outcomes.stream().mapToLong(Outcome::micros).sorted().toArray();
        return t.length == 0 ? 0 : t[Math.min(t.length - 1, (int) Math.ceil(t.length * 0.95) - 1)] / 1000.0;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public String toString() {
        return "exact " + exactPct() + " % of " + outcomes.size() + ", chars " + charPct() + " %, " + Arrays.toString(new double[] {meanMs(), p95Ms()});
    }
}
