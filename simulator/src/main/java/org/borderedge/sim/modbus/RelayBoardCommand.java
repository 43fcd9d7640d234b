package org.borderedge.sim.modbus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.borderedge.device.DeviceProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay-board}: simulated relay boards with barrier physics on Modbus TCP or RTU, driven
 * from the keyboard, for a technician commissioning a lane or a gateway without field hardware.
 */
@Command(name = "relay-board", description = {
    "Simulate Modbus relay boards driving boom barriers, with limit switches and vehicle loops.",
    "Commands on stdin: arrive, advance, leave, through, under-boom, force-open on|off,",
    "fault none|silent|exception CODE|malformed byte-count|wrong-function|truncated|bad-checksum,",
    "status, help, quit. Prefix '@UNIT ' to address another board, e.g. '@2 arrive'."})
public final class RelayBoardCommand implements Callable<Integer> {

    @Option(names = "--profile", description = "Built-in profile id (default ${DEFAULT-VALUE})")
    String profile = "barrier/waveshare-relay8";

    @Option(names = "--profile-file", description = "A profile file laid out as .../barrier/<vendor>-<model>.yaml")
    Path profileFile;

    @Option(names = "--unit", description = "Unit id of a board on the line; repeat for a multi-drop line (default 1)")
    List<Integer> units = new ArrayList<>();

    @Option(names = "--tcp-port", description = "Serve Modbus TCP on this port (0: a free port)")
    Integer tcpPort;

    @Option(names = "--host", description = "TCP bind address (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--rtu", description = "Serve Modbus RTU on this serial port or pty (e.g. one end of a socat pair)")
    String rtu;

    @Option(names = "--baud", description = "RTU baud rate, 8N1 (default ${DEFAULT-VALUE})")
    int baud = 9600;

    @Option(names = "--travel-ms", description = "Boom travel time closed to open (default ${DEFAULT-VALUE})")
    long travelMs = 2500;

    @Option(names = {"-o", "--option"}, description = "Site wiring override, e.g. -o openRelay=2 -o activeLowInputs=3,4")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--auto-vehicles", description = "Drive a vehicle through every N seconds (it waits up to 30 s for the boom)")
    Double autoVehiclesSeconds;

    @Override
    public Integer call() throws Exception {
        if ((tcpPort == null) == (rtu == null)) {
            System.err.println("give exactly one of --tcp-port N or --rtu PATH");
            return 2;
        }
        DeviceProfile p = profileFile != null ? BarrierProfiles.file(profileFile) : BarrierProfiles.builtIn(profile);
        Map<String, Object> site = parseOptions(options);
        RelayBoardSimulator.Builder builder = RelayBoardSimulator.builder().host(host).baud(baud)
                .travel(Duration.ofMillis(travelMs));
        if (units.isEmpty()) {
            units.add(1);
        }
        for (int unit : units) {
            builder.board(unit, p, site);
        }
        RelayBoardSimulator sim = tcpPort != null ? builder.startTcp(tcpPort) : builder.startRtu(rtu);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }));
        PrintStream out = System.out;
        for (int unit : units) {
            out.println("relay-board ready: " + sim.endpointUri(unit) + " profile " + p.id() + " ("
                    + String.join(", ", sim.board(unit).map().wiring()) + ")");
        }
        out.flush();
        startMonitor(sim, out);
        if (autoVehiclesSeconds != null) {
            startAutoVehicles(sim, out);
        }
        readCommands(sim, out, done);
        done.await();
        return 0;
    }

    static Map<String, Object> parseOptions(Map<String, String> raw) {
        Map<String, Object> site = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.equals("activeLowInputs")) {
                List<Integer> list = new ArrayList<>();
                for (String s : v.replaceAll("[\\[\\]\\s]", "").split(",")) {
                    if (!s.isEmpty()) {
                        list.add(Integer.parseInt(s));
                    }
                }
                site.put(k, list);
            } else {
                site.put(k, v.matches("-?\\d+") ? (Object) Integer.parseInt(v) : v);
            }
        });
        return site;
    }

    private void startMonitor(RelayBoardSimulator sim, PrintStream out) {
        Thread t = new Thread(() -> {
            Map<Integer, String> last = new LinkedHashMap<>();
            while (true) {
                for (int unit : units) {
                    String now = describe(sim.board(unit));
                    if (!now.equals(last.put(unit, now))) {
                        out.println("unit " + unit + ": " + now);
                        out.flush();
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "relay-board-monitor");
        t.setDaemon(true);
        t.start();
    }

    private static String describe(RelayBoard board) {
        StringBuilder relays = new StringBuilder();
        for (int n = 1; n <= board.map().relayCount(); n++) {
            relays.append(board.relay(n) ? '1' : '0');
        }
        long pct = Math.round(board.barrier().position() * 10) * 10;
        return board.barrier().toString().replaceFirst("boom\\s+\\d+ %", "boom " + pct + " %") + ", relays " + relays
                + (board.fault().kind() == Fault.Kind.NONE ? "" : ", fault " + board.fault().kind());
    }

    private void startAutoVehicles(RelayBoardSimulator sim, PrintStream out) {
        for (int unit : units) {
            Thread t = new Thread(() -> {
                BarrierPhysics barrier = sim.barrier(unit);
                while (true) {
                    try {
                        Thread.sleep((long) (autoVehiclesSeconds * 1000));
                        if (barrier.vehicle() == BarrierPhysics.Zone.NONE) {
                            boolean passed = barrier.driveThrough(Duration.ofSeconds(30), Duration.ofMillis(800));
                            out.println("unit " + unit + ": vehicle " + (passed ? "passed" : "turned back: boom stayed closed"));
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (IllegalStateException e) {
                        out.println("unit " + unit + ": " + e.getMessage());
                    }
                }
            }, "relay-board-vehicles-" + unit);
            t.setDaemon(true);
            t.start();
        }
    }

    private void readCommands(RelayBoardSimulator sim, PrintStream out, CountDownLatch done) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            int unit = units.get(0);
            if (line.startsWith("@")) {
                int sp = line.indexOf(' ');
                try {
                    unit = Integer.parseInt(sp < 0 ? line.substring(1) : line.substring(1, sp));
                } catch (NumberFormatException e) {
                    out.println("error: '@UNIT command' needs a unit number");
                    continue;
                }
                line = sp < 0 ? "" : line.substring(sp + 1).trim();
            }
            if (line.equals("quit") || line.equals("exit")) {
                sim.close();
                done.countDown();
                return;
            }
            try {
                out.println(execute(sim, unit, line));
            } catch (RuntimeException e) {
                out.println("error: " + e.getMessage());
            }
            out.flush();
        }
    }

    private String execute(RelayBoardSimulator sim, int unit, String line) {
        RelayBoard board = sim.board(unit);
        BarrierPhysics barrier = board.barrier();
        String[] w = line.split("\\s+", 2);
        switch (w[0]) {
            case "arrive" -> barrier.vehicleArrives();
            case "advance" -> barrier.vehicleAdvances();
            case "leave" -> barrier.vehicleLeaves();
            case "under-boom" -> barrier.vehicleStopsUnderBoom();
            case "force-open" -> barrier.forceOpen(w.length < 2 || !w[1].equals("off"));
            case "fault" -> board.fault(Fault.parse(w.length < 2 ? "none" : w[1]));
            case "through" -> {
                Thread t = new Thread(() -> {
                    try {
                        boolean passed = barrier.driveThrough(Duration.ofSeconds(30), Duration.ofMillis(800));
                        System.out.println("unit " + unit + ": vehicle " + (passed ? "passed" : "turned back: boom stayed closed"));
                    } catch (InterruptedException | IllegalStateException e) {
                        System.out.println("unit " + unit + ": " + e.getMessage());
                    }
                }, "relay-board-through");
                t.setDaemon(true);
                t.start();
            }
            case "status" -> { }
            case "help" -> {
                return "arrive | advance | leave | through | under-boom | force-open on|off | fault SPEC | status | quit;"
                        + " '@UNIT cmd' for another board";
            }
            default -> throw new IllegalArgumentException("unknown command '" + w[0] + "' (try help)");
        }
        return "unit " + unit + ": " + describe(board);
    }
}
