package org.borderedge.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of borderedge-sim.jar: simulators, scenarios and benchmarks for technicians and tests. */
@Command(name = "borderedge-sim", mixinStandardHelpOptions = true, version = "BorderEdge simulator 0.1",
        description = "Simulated checkpoint devices, central system, scenarios and benchmarks.",
        subcommands = {BenchCommand.class, AnprEvalCommand.class})
public final class SimulatorCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }
}
