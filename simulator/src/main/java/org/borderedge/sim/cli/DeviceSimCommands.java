package org.borderedge.sim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.borderedge.sim.scanner.FolderScannerSimulator;
import org.borderedge.sim.scanner.ScannerSimulator;
import org.borderedge.sim.serial.DevicePort;
import org.borderedge.sim.serial.ESealSimulator;
import org.borderedge.sim.serial.PtyPair;
import org.borderedge.sim.serial.QrReaderSimulator;
import org.borderedge.sim.serial.ScaleProtocol;
import org.borderedge.sim.serial.ScaleSimulator;
import org.borderedge.sim.serial.SerialDevicePort;
import org.borderedge.sim.serial.TcpDevicePort;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serial and TCP field devices for commissioning a site: each command prints the endpoint and
 * profile a gateway device entry needs, then takes commands on stdin (type "help") until stopped.
 * With stdin closed (run in the background) the device keeps going until SIGTERM.
 */
final class DeviceSimCommands {

    private DeviceSimCommands() {
    }

    /** Where the simulated device talks: a new pty pair, an existing serial port, or a TCP port. */
    static final class Where {
        @Option(names = "--pty", paramLabel = "PATH", description = "Create a socat pty pair: the gateway opens PATH, the simulator PATH.device")
        Path pty;

        @Option(names = "--device-port", paramLabel = "PATH", description = "Use an existing serial port (e.g. /dev/ttyUSB1 wired to the gateway)")
        Path devicePort;

        @Option(names = "--tcp-port", paramLabel = "N", description = "Listen on this TCP port (0 = any free port), as a serial-device server would")
        Integer tcpPort;
    }

    /** Opens the port; the pty pair (if any) is stopped when the returned port closes. */
    static DevicePort open(Where where, int baud) throws IOException {
        if (where.tcpPort != null) {
            return new TcpDevicePort(where.tcpPort);
        }
        if (where.devicePort != null) {
            return new SerialDevicePort(where.devicePort, baud, "serial://<the gateway's port>?baud=" + baud);
        }
        PtyPair pair = new PtyPair(where.pty, Path.of(where.pty + ".device")).start();
        // SIGTERM skips try-with-resources: without this hook socat would outlive the simulator
        Runtime.getRuntime().addShutdownHook(new Thread(pair::stop, "stop socat"));
        SerialDevicePort port = new SerialDevicePort(pair.deviceSide(), baud, pair.gatewayEndpoint());
        return new DevicePort() {
            @Override
            public boolean write(byte[] bytes) {
                return port.write(bytes);
            }

            @Override
            public void onReceive(Consumer<byte[]> receiver) {
                port.onReceive(receiver);
            }

            @Override
            public String gatewayEndpoint() {
                return port.gatewayEndpoint();
            }

            @Override
            public void close() {
                port.close();
                pair.stop();
            }
        };
    }

    /** Reads stdin commands until "quit"; on end of input, waits for SIGTERM instead. */
    static void interact(String help, Consumer<String[]> handler) throws IOException, InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        System.out.println("commands: " + help + ", quit");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            if (words[0].equals("quit") || words[0].equals("exit")) {
                return;
            }
            try {
                handler.accept(words);
            } catch (RuntimeException e) {
                System.out.println("error: " + e.getMessage() + " (commands: " + help + ")");
            }
            System.out.flush();
        }
        forever.await();
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "A truck-scale indicator (yaohua-a9, yaohua-a12, mt-continuous, mt-sics, sma, stgs) on a pty, serial port or TCP port.")
    static final class Scale implements Callable<Integer> {
        @Option(names = "--protocol", required = true, description = "yaohua-a9, yaohua-a12, mt-continuous, mt-sics, sma, stgs")
        String protocol;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        @Option(names = "--baud", defaultValue = "9600")
        int baud;

        @Option(names = "--interval-ms", defaultValue = "100", description = "Frame interval of continuous protocols")
        long intervalMs;

        @Option(names = "--weight", defaultValue = "0", description = "Weight on the platform at start, kg")
        long weight;

        @Option(names = "--noise-kg", defaultValue = "0", description = "Peak-to-peak noise on a held weight, kg")
        BigDecimal noise;

        @Override
        public Integer call() throws Exception {
            ScaleProtocol p = ScaleProtocol.byName(protocol);
            try (ScaleSimulator scale = ScaleSimulator.start(p, open(where, baud), intervalMs)) {
                scale.setWeight(BigDecimal.valueOf(weight)).noise(noise, BigDecimal.TEN);
                System.out.println("scale " + p.cliName() + " ready: gateway endpoint " + scale.gatewayEndpoint()
                        + ", profile " + scale.profileId());
                interact("weigh KG [RAMP_MS], leave [RAMP_MS], set KG, noise KG, overload on|off, silent on|off, "
                        + "garbage N, badchecksum N, truncate N, status", w -> {
                            switch (w[0]) {
                                case "weigh": scale.driveOn(Long.parseLong(w[1]), w.length > 2 ? Long.parseLong(w[2]) : 2000); break;
                                case "leave": scale.driveOff(w.length > 1 ? Long.parseLong(w[1]) : 2000); break;
                                case "set": scale.setWeight(new BigDecimal(w[1])); break;
                                case "noise": scale.noise(new BigDecimal(w[1]), BigDecimal.TEN); break;
                                case "overload": scale.overload(w[1].equals("on")); break;
                                case "silent": scale.silent(w[1].equals("on")); break;
                                case "garbage": scale.injectGarbage(Integer.parseInt(w[1])); break;
                                case "badchecksum": scale.injectBadChecksums(Integer.parseInt(w[1])); break;
                                case "truncate": scale.injectTruncated(Integer.parseInt(w[1])); break;
                                case "status": break;
                                default: throw new IllegalArgumentException("unknown command " + w[0]);
                            }
                            System.out.println("weight " + scale.current() + " kg, frames sent " + scale.framesSent());
                        });
            }
            return 0;
        }
    }

    @Command(name = "qr-reader", mixinStandardHelpOptions = true,
            description = "A serial QR / barcode reader: type a declaration id or a raw code to present it.")
    static final class QrReader implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        @Option(names = "--baud", defaultValue = "9600")
        int baud;

        @Override
        public Integer call() throws Exception {
            try (QrReaderSimulator qr = new QrReaderSimulator(open(where, baud))) {
                System.out.println("qr-reader ready: gateway endpoint " + qr.port().gatewayEndpoint() + ", profile " + QrReaderSimulator.PROFILE_ID);
                interact("decl ID [PLATE] [CONTAINER], raw TEXT, garbage", w -> {
                    boolean sent;
                    switch (w[0]) {
                        case "decl": sent = qr.presentDeclaration(w[1], w.length > 2 ? w[2] : "", w.length > 3 ? w[3] : ""); break;
                        case "raw": sent = qr.present(String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length))); break;
                        case "garbage": sent = qr.presentGarbage(); break;
                        default: throw new IllegalArgumentException("unknown command " + w[0]);
                    }
                    System.out.println(sent ? "sent" : "no gateway connected");
                });
            }
            return 0;
        }
    }

    @Command(name = "eseal", mixinStandardHelpOptions = true, description = "A gate e-seal reader (line or JSON reports).")
    static final class ESeal implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        @Option(names = "--baud", defaultValue = "9600")
        int baud;

        @Option(names = "--format", defaultValue = "line", description = "line or json")
        String format;

        @Override
        public Integer call() throws Exception {
            ESealSimulator.Format f = ESealSimulator.Format.valueOf(format.toUpperCase(Locale.ROOT));
            try (ESealSimulator seal = new ESealSimulator(open(where, baud), f)) {
                System.out.println("eseal reader ready: gateway endpoint " + seal.port().gatewayEndpoint() + ", profile " + seal.profileId());
                interact("seal ID LOCKED|UNLOCKED|TAMPERED [BATTERY] [LAT LON]", w -> {
                    if (!w[0].equals("seal") || w.length < 3) {
                        throw new IllegalArgumentException("usage: seal ID STATE [BATTERY] [LAT LON]");
                    }
                    boolean sent = seal.present(w[1], ESealSimulator.Lock.valueOf(w[2].toUpperCase(Locale.ROOT)),
                            w.length > 3 ? Integer.valueOf(w[3]) : null, w.length > 5 ? Double.valueOf(w[4]) : null,
                            w.length > 5 ? Double.valueOf(w[5]) : null);
                    System.out.println(sent ? "sent" : "no gateway connected");
                });
            }
            return 0;
        }
    }

    @Command(name = "scanner", mixinStandardHelpOptions = true,
            description = "A container scanner answering scan requests: JSON lines over TCP, or files in a shared folder.")
    static final class Scanner implements Callable<Integer> {
        @Option(names = "--tcp-port", defaultValue = "0", description = "TCP port (0 = any free port)")
        int tcpPort;

        @Option(names = "--folder", paramLabel = "DIR", description = "Use the folder protocol in DIR instead of TCP")
        Path folder;

        @Option(names = "--verdict", defaultValue = "CLEAR", description = "CLEAR, SUSPECT or ERROR")
        ScannerSimulator.Verdict verdict;

        @Option(names = "--delay-ms", defaultValue = "2000", description = "Scan time before the verdict")
        long delayMs;

        @Override
        public Integer call() throws Exception {
            if (folder != null) {
                try (FolderScannerSimulator scanner = FolderScannerSimulator.start(folder, delayMs).defaultVerdict(verdict)) {
                    System.out.println("scanner ready: gateway endpoint " + scanner.gatewayEndpoint() + ", profile " + FolderScannerSimulator.PROFILE_ID);
                    interact("verdict CLEAR|SUSPECT|ERROR, vehicle REF VERDICT, requests", w -> {
                        switch (w[0]) {
                            case "verdict": scanner.defaultVerdict(ScannerSimulator.Verdict.valueOf(w[1].toUpperCase(Locale.ROOT))); break;
                            case "vehicle": scanner.verdictFor(w[1], ScannerSimulator.Verdict.valueOf(w[2].toUpperCase(Locale.ROOT))); break;
                            case "requests": break;
                            default: throw new IllegalArgumentException("unknown command " + w[0]);
                        }
                        System.out.println("requests so far: " + scanner.requests());
                    });
                }
                return 0;
            }
            try (ScannerSimulator scanner = ScannerSimulator.start(tcpPort, delayMs).defaultVerdict(verdict)) {
                System.out.println("scanner ready: gateway endpoint " + scanner.gatewayEndpoint() + ", profile " + ScannerSimulator.PROFILE_ID);
                interact("verdict CLEAR|SUSPECT|ERROR, vehicle REF VERDICT, busy on|off, ready true|false [DETAIL], requests", w -> {
                    switch (w[0]) {
                        case "verdict": scanner.defaultVerdict(ScannerSimulator.Verdict.valueOf(w[1].toUpperCase(Locale.ROOT))); break;
                        case "vehicle": scanner.verdictFor(w[1], ScannerSimulator.Verdict.valueOf(w[2].toUpperCase(Locale.ROOT))); break;
                        case "busy": scanner.busy(w[1].equals("on")); break;
                        case "ready": scanner.ready(Boolean.parseBoolean(w[1]), w.length > 2 ? w[2] : ""); break;
                        case "requests": break;
                        default: throw new IllegalArgumentException("unknown command " + w[0]);
                    }
                    System.out.println("requests so far: " + scanner.requests());
                });
            }
            return 0;
        }
    }
}
