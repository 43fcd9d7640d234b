package org.borderedge.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scenario contract from outside: {@code java -jar borderedge-sim.jar scenario FILE} against
 * the real gateway jar of this build. The shipped scenarios pass (exit 0, last line PASS, every
 * decision as expected, events at the central equal the gateway's, no gap); a scenario with a
 * wrong expectation fails with a non-zero exit and a FAIL summary naming the mismatch.
 */
class ScenarioRunnerIT {

    static final Path SIM_JAR = Path.of("..", "..", "simulator", "target", "borderedge-sim.jar");
    static final Path GATEWAY_JAR = Path.of("..", "gateway", "target", "borderedge-gateway.jar");
    static final Path SCENARIOS = Path.of("..", "..", "simulator", "scenarios");

    record Run(int exit, List<String> lines) {
        String last() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    @Test
    void normalShortPasses() throws Exception {
        Run r = scenario(SCENARIOS.resolve("normal-short.yaml"));
        assertEquals(0, r.exit(), String.join("\n", r.lines()));
        assertTrue(r.last().startsWith("PASS normal-short: vehicles 8, decisions as expected 8/8"), r.last());
        assertTrue(r.last().contains("gaps 0"), r.last());
    }

    @Test
    void outageShortPassesWithEveryEventDelivered() throws Exception {
        Run r = scenario(SCENARIOS.resolve("outage-short.yaml"));
        assertEquals(0, r.exit(), String.join("\n", r.lines()));
        assertTrue(r.last().startsWith("PASS outage-short"), r.last());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("fault link-outage")), String.join("\n", r.lines()));
        assertTrue(r.last().matches(".*events central (\\d+) = gateway \\1,.*gaps 0,.*"), r.last());
    }

    @Test
    void aWrongExpectationFailsTheRun() throws Exception {
        Run r = scenario(Path.of("src", "test", "resources", "scenarios", "negative-wrong-expectation.yaml"));
        assertNotEquals(0, r.exit(), String.join("\n", r.lines()));
        assertTrue(r.last().startsWith("FAIL negative-wrong-expectation: vehicles 1, decisions as expected 0/1"), r.last());
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("expect HOLD, gateway RELEASE, central RELEASE") && l.endsWith("MISMATCH")),
                String.join("\n", r.lines()));
    }

    static Run scenario(Path file) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(SIM_JAR), "build the simulator first: " + SIM_JAR.toAbsolutePath());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", SIM_JAR.toString(), "scenario", file.toString(), "--gateway-jar", GATEWAY_JAR.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[scenario] " + line);
                lines.add(line);
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("scenario runner did not exit");
        }
        return new Run(p.exitValue(), lines);
    }
}
