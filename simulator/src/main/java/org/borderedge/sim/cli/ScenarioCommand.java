package org.borderedge.sim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.borderedge.sim.scenario.JarLocator;
import org.borderedge.sim.scenario.Scenario;
import org.borderedge.sim.scenario.ScenarioFile;
import org.borderedge.sim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `scenario FILE`: runs a scenario against the real gateway; exit 0 only when every expectation held. */
@Command(name = "scenario", description = "Run a scenario file (simulator/scenarios/*.yaml) against the real gateway started as a child process;"
        + " prints a conformance summary, the last line a one-line verdict; exit 0 when every expectation held.")
final class ScenarioCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Scenario YAML file")
    Path file;

    @Option(names = "--gateway-jar", description = "Gateway jar (default: features/gateway/target/borderedge-gateway.jar"
            + " found from the current directory, or env/property BORDEREDGE_GATEWAY_JAR)")
    Path gatewayJar;

    @Option(names = "--work-dir", description = "Where data, logs and the site file go (default: a temp dir)")
    Path workDir;

    @Option(names = "--keep-data", description = "Keep the work dir (gateway data, log, site file) afterwards")
    boolean keepData;

    @Option(names = "--pty", description = "Serial devices on socat pty pairs when socat is installed (default: loopback TCP)")
    boolean pty;

    @Override
    public Integer call() throws Exception {
        Scenario scenario;
        try {
            scenario = ScenarioFile.load(file);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.out.println("FAIL " + file.getFileName() + ": scenario file invalid");
            return 2;
        }
        Path jar = gatewayJar != null ? gatewayJar
                : JarLocator.locate("BORDEREDGE_GATEWAY_JAR", "features/gateway/target/borderedge-gateway.jar");
        ScenarioRunner.Result r = new ScenarioRunner(scenario, new ScenarioRunner.Options(jar, workDir, keepData, pty), System.out).run();
        System.out.flush();
        return r.ok() ? 0 : 1;
    }
}
