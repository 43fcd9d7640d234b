package org.borderedge.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.borderedge.launcher.LaunchOptions;
import org.borderedge.launcher.Main;
import org.borderedge.launcher.RunningGateway;
import org.borderedge.launcher.SiteFileException;
import org.borderedge.sim.broker.MqttBroker;

/**
 * {@code java -jar borderedge-demo.jar [--http-port N] [--data-dir DIR] [--lanes N] [--no-traffic]}: a whole
 * checkpoint on one machine. A broker (Mosquitto if installed, else embedded), the simulated
 * devices of every lane, the simulated central system, then the real gateway on them, then traffic.
 * Ctrl-C (SIGTERM) stops the gateway first, then traffic, simulators and broker.
 */
public final class DemoMain {

    private static final String USAGE = "usage: java -jar borderedge-demo.jar [--http-port N] [--data-dir DIR] [--lanes N] [--no-traffic]";
    private static final String HELP = String.join("\n",
            "  --http-port N  console and API port (default 8080, another free one if taken)",
            "  --data-dir DIR site file, credentials, journal, seal inventory and resident quota ledger (default demo-data)",
            "  --lanes N      number of lanes (default " + DemoCheckpoint.DEFAULT_LANES + "), cycling through road import IMP-n,"
                    + " road export EXP-n, port gate-in GATE-IN-n, border-resident trade RES-n, port gate-out GATE-OUT-n;",
            "                 a resident lane counts as one lane (barrier and code reader only)",
            "  --no-traffic   start the checkpoint without traffic");

    private DemoMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (SiteFileException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("borderedge-demo: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("borderedge-demo: start failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Integer port = null;
        Path dataDir = Path.of("demo-data");
        boolean traffic = true;
        List<String[]> lanes = DemoCheckpoint.lanes(DemoCheckpoint.DEFAULT_LANES);
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--http-port": port = Integer.parseInt(value(a, rest)); break;
                case "--data-dir": dataDir = Path.of(value(a, rest)); break;
                case "--lanes": lanes = DemoCheckpoint.lanes(Integer.parseInt(value(a, rest))); break;
                case "--no-traffic": traffic = false; break;
                case "-h": case "--help":
                    System.out.println(USAGE);
                    System.out.println(HELP);
                    return;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        int httpPort = port == null ? Main.defaultPort() : port;
        DemoCredentials credentials = DemoCredentials.loadOrCreate(dataDir);
        MqttBroker broker = MqttBroker.startLocal(dataDir.resolve("broker"));
        System.out.println("Demo broker (" + broker.kind() + ") at " + broker.url());
        DemoCheckpoint checkpoint;
        RunningGateway gateway;
        try {
            checkpoint = DemoCheckpoint.start(dataDir, broker, credentials, lanes);
        } catch (Exception | Error e) {
            // No shutdown hook yet: a failed start must not leave the broker process behind.
            broker.stop();
            throw e;
        }
        LaunchOptions options = new LaunchOptions(checkpoint.siteFile(), dataDir.resolve("gateway"), "127.0.0.1", httpPort,
                false, Map.of(), checkpoint.secretConfigurations(), Duration.ofSeconds(60));
        try {
            gateway = Main.startAndReport(options, () -> {
                checkpoint.stop();
                broker.stop();
            });
        } catch (Exception | Error e) {
            checkpoint.stop();
            broker.stop();
            throw e;
        }
        System.out.println("Demo credentials in " + dataDir.resolve(DemoCredentials.FILE).toAbsolutePath()
                + " (administrator " + credentials.adminUser() + ")");
        if (traffic) {
            checkpoint.startTraffic(java.net.URI.create(gateway.baseUrl()));
        } else {
            checkpoint.checkpoint().attach(java.net.URI.create(gateway.baseUrl()));
        }
        gateway.framework().waitForStop(0);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
