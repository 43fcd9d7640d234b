package org.borderedge.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar borderedge-gateway.jar --site FILE [--data-dir DIR] [--http-port N] [--http-host H] [--shell] [--check]}
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (SiteFileException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("borderedge: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("borderedge: start failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static String usage() {
        return "usage: java -jar borderedge-gateway.jar --site FILE [--data-dir DIR] [--http-port N] [--http-host HOST] [--shell] [--check]";
    }

    static int run(String[] args) throws Exception {
        Path site = null;
        Path dataDir = Path.of("data");
        String host = "127.0.0.1";
        Integer port = null;
        boolean shell = false;
        boolean checkOnly = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--site": site = Path.of(value(a, rest)); break;
                case "--data-dir": dataDir = Path.of(value(a, rest)); break;
                case "--http-port": port = parsePort(value(a, rest)); break;
                case "--http-host": host = value(a, rest); break;
                case "--shell": shell = true; break;
                case "--check": checkOnly = true; break;
                case "-h": case "--help": System.out.println(usage()); return 0;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (site == null) {
            throw new IllegalArgumentException("--site FILE is required");
        }
        if (checkOnly) {
            Site s = SiteFile.load(site);
            System.out.println("site file " + site + " is valid: gateway " + s.gatewayId() + ", " + s.lanes().size()
                    + " lanes, " + s.devices().size() + " devices");
            return 0;
        }
        LaunchOptions options = new LaunchOptions(site, dataDir, host, port == null ? defaultPort() : port, shell,
                Map.of(), Map.of(), Duration.ofSeconds(90));
        RunningGateway gateway = startAndReport(options);
        gateway.framework().waitForStop(0);
        return 0;
    }

    /** Starts, installs the SIGTERM hook, prints the ready line once health is UP (or what is not). */
    public static RunningGateway startAndReport(LaunchOptions options) throws Exception {
        return startAndReport(options, () -> { });
    }

    /**
     * As {@link #startAndReport(LaunchOptions)}; {@code afterStop} runs in the same shutdown hook once the
     * framework has stopped (the demo stops its simulators and broker there, after the gateway).
     */
    public static RunningGateway startAndReport(LaunchOptions options, Runnable afterStop) throws Exception {
        long t0 = System.nanoTime();
        RunningGateway gateway = Launcher.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("BorderEdge stopping");
                gateway.stop(Duration.ofSeconds(30));
                afterStop.run();
                System.out.println("BorderEdge stopped");
            } catch (Exception e) {
                System.err.println("borderedge: stop failed: " + e);
            }
        }, "borderedge-shutdown"));
        List<String> inactive = gateway.inactiveBundles();
        if (!inactive.isEmpty()) {
            System.err.println("[borderedge] bundles not active: " + inactive);
        }
        String health = gateway.awaitUp(options.readyTimeout());
        if ("UP".equals(RunningGateway.statusOf(health))) {
            System.out.printf("BorderEdge ready in %.1f s: console %s/console/ , API %s/api/v1/ (JVM up %d ms)%n",
                    Launcher.since(t0).toMillis() / 1000.0, gateway.baseUrl(), gateway.baseUrl(), Launcher.uptimeMs());
        } else {
            System.out.println("BorderEdge NOT ready after " + options.readyTimeout().toSeconds() + " s, health: " + health);
        }
        System.out.flush();
        return gateway;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http-port must be a number: " + s);
        }
    }

    /** 8080 when it is free, else any free port: gateways must run side by side on one machine. */
    public static int defaultPort() throws IOException {
        try (ServerSocket s = new ServerSocket(8080, 1, java.net.InetAddress.getLoopbackAddress())) {
            return 8080;
        } catch (IOException busy) {
            return freePort();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
