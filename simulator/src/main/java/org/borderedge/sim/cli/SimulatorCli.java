package org.borderedge.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of borderedge-sim.jar: simulators, scenarios and benchmarks for technicians and tests. */
@Command(name = "borderedge-sim", mixinStandardHelpOptions = true, version = "BorderEdge simulator 0.1",
        description = "Simulated checkpoint devices, central system, scenarios and benchmarks.",
        subcommands = {
            BenchCommand.class,
            org.borderedge.sim.modbus.RelayBoardCommand.class,
            CameraCommand.class,
            DeviceSimCommands.Scale.class,
            DeviceSimCommands.QrReader.class,
            DeviceSimCommands.ESeal.class,
            DeviceSimCommands.Scanner.class,
            CentralCommand.class,
            AnprEvalCommand.class,
            ScenarioCommand.class,
        })
public final class SimulatorCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }
}
