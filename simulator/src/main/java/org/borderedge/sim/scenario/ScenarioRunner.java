package org.borderedge.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.sim.broker.MqttBroker;
import org.borderedge.sim.central.CentralSimulator;
import org.borderedge.sim.checkpoint.SimulatedCheckpoint;
import org.borderedge.sim.checkpoint.VehicleDriver;
import org.borderedge.sim.modbus.Fault;

/**
 * Runs one scenario end to end: a broker, the simulated checkpoint and central, the real gateway as
 * a child process; vehicles and faults on the scenario's timeline; then the conformance check
 * (each vehicle's DECISION at the central as expected, events at the central equal to the
 * gateway's journal, no gaps). Everything it starts it stops again.
 */
public final class ScenarioRunner {

    public static final String GATEWAY_ID = "VN-SCN-01";

    /**
     * @param gatewayJar the gateway's runnable jar
     * @param workDir where data, logs and the site file go (null: a temp dir, deleted unless keepData)
     */
    public record Options(Path gatewayJar, Path workDir, boolean keepData, boolean usePty) {
    }

    /** The verdict: ok only when every expectation held; {@code summary} is the one-line last line. */
    public record Result(boolean ok, String summary) {
    }

    private final Scenario scenario;
    private final Options options;
    private final PrintStream out;
    private final List<String> faultProblems = java.util.Collections.synchronizedList(new ArrayList<>());

    public ScenarioRunner(Scenario scenario, Options options, PrintStream out) {
        this.scenario = scenario;
        this.options = options;
        this.out = out;
    }

    public Result run() throws Exception {
        long started = System.nanoTime();
        Path work = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("borderedge-scenario-");
        out.println("scenario " + scenario.name() + ": " + scenario.vehicles().size() + " vehicles, " + scenario.faults().size()
                + " faults, lanes " + scenario.lanes().stream().map(Scenario.Lane::id).toList() + "; work dir " + work);
        MqttBroker broker = MqttBroker.startLocal(work.resolve("broker"));
        SimulatedCheckpoint checkpoint = null;
        GatewayProcess gateway = null;
        try {
            List<SimulatedCheckpoint.LaneSpec> lanes = scenario.lanes().stream()
                    .map(l -> new SimulatedCheckpoint.LaneSpec(l.id(), l.type(), l.options())).toList();
            checkpoint = SimulatedCheckpoint.start(GATEWAY_ID, lanes, broker, SimulatedCheckpoint.Credentials.generate(), work,
                    options.usePty());
            Set<String> centralIds = ConcurrentHashMap.newKeySet();
            checkpoint.central().onEvent(e -> centralIds.add(e.path("id").asText()));
            Path site = checkpoint.writeSiteFile(work.resolve("site.yaml"), true);
            int port = MqttBroker.freePort();
            gateway = new GatewayProcess(options.gatewayJar(), site, work.resolve("gateway"), port);
            gateway.start(Duration.ofSeconds(90));
            out.printf(Locale.ROOT, "gateway ready after %.1f s (pid %d, log %s)%n", seconds(started), gateway.pid(), gateway.logFile());
            checkpoint.attach(URI.create(gateway.baseUrl()));
            if (!checkpoint.awaitAllOnline(Duration.ofSeconds(40))) {
                return fail(started, "devices not all ONLINE within 40 s: " + checkpoint.health());
            }
            if (!checkpoint.publishReferenceData(1, declarations(), watchlist(), Duration.ofSeconds(30))) {
                return fail(started, "the gateway did not apply the reference data within 30 s");
            }
            List<VehicleDriver.Outcome> outcomes = runTimeline(checkpoint, gateway, broker, started);
            return conform(checkpoint, outcomes, centralIds, started);
        } finally {
            if (gateway != null) {
                int code = gateway.stop();
                // 143 = 128 + SIGTERM: the JVM's own exit after its shutdown hooks ran.
                if (code != 0 && code != 143) {
                    out.println("gateway exit code " + code + " on SIGTERM (log " + gateway.logFile() + ")");
                }
            }
            if (checkpoint != null) {
                checkpoint.close();
            }
            broker.close();
            if (!options.keepData() && options.workDir() == null) {
                deleteTree(work);
            }
        }
    }

    private List<VehicleDriver.Outcome> runTimeline(SimulatedCheckpoint cp, GatewayProcess gateway, MqttBroker broker,
            long started) throws InterruptedException {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scenario");
            t.setDaemon(true);
            return t;
        });
        List<Future<VehicleDriver.Outcome>> vehicles = new ArrayList<>();
        for (Scenario.Vehicle v : scenario.vehicles()) {
            vehicles.add(pool.submit(() -> {
                sleepUntil(t0, v.at());
                return cp.driver().drive(v);
            }));
        }
        List<Future<String>> faults = new ArrayList<>();
        for (Scenario.Fault f : scenario.faults()) {
            faults.add(pool.submit(() -> {
                sleepUntil(t0, f.at());
                return inject(f, cp, gateway, broker);
            }));
        }
        long budgetNanos = scenario.timeout().toNanos() - (System.nanoTime() - started) - Duration.ofSeconds(15).toNanos();
        long deadline = System.nanoTime() + Math.max(budgetNanos, Duration.ofSeconds(20).toNanos());
        for (Future<String> f : faults) {
            try {
                out.println("fault " + f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                out.println("fault did not complete: " + e);
            }
        }
        List<VehicleDriver.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < vehicles.size(); i++) {
            Scenario.Vehicle v = scenario.vehicles().get(i);
            try {
                outcomes.add(vehicles.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                outcomes.add(new VehicleDriver.Outcome(v, "", List.of(), false, "still in the lane at the scenario's time limit"));
            } catch (java.util.concurrent.ExecutionException e) {
                outcomes.add(new VehicleDriver.Outcome(v, "", List.of(), false, "driver failed: " + e.getCause()));
            }
        }
        pool.shutdownNow();
        return outcomes;
    }

    private String inject(Scenario.Fault f, SimulatedCheckpoint cp, GatewayProcess gateway, MqttBroker broker) throws Exception {
        String what = f.type() + " at " + f.at().toMillis() / 1000.0 + " s";
        switch (f.type()) {
            case "link-outage" -> {
                broker.stop();
                Thread.sleep(f.duration().toMillis());
                broker.start();
                return what + ": broker down for " + f.duration().toMillis() / 1000.0 + " s, back";
            }
            case "broker-restart" -> {
                broker.stop();
                broker.start();
                return what + ": broker restarted";
            }
            case "gateway-killed" -> {
                long pid = gateway.pid();
                gateway.kill();
                Thread.sleep(f.duration().toMillis());
                long t = System.nanoTime();
                gateway.start(Duration.ofSeconds(60));
                return String.format(Locale.ROOT, "%s: pid %d SIGKILLed, restarted on the same data dir, ready in %.1f s", what, pid,
                        (System.nanoTime() - t) / 1e9);
            }
            case "device-unplugged" -> {
                String device = f.device() == null ? "" : f.device();
                int mark = cp.feed().mark();
                Runnable plugBack = unplug(cp, device);
                Thread.sleep(f.duration().toMillis());
                plugBack.run();
                // The gateway must have noticed: DEVICE_FAULT while unplugged, DEVICE_RECOVERED after.
                boolean fault = cp.feed().await(mark, deviceEvent("DEVICE_FAULT", device), Duration.ofSeconds(5)).isPresent();
                boolean recovered = cp.feed().await(mark, deviceEvent("DEVICE_RECOVERED", device), Duration.ofSeconds(20)).isPresent();
                if (!fault || !recovered) {
                    faultProblems.add(device + (fault ? " not reported recovered" : " not reported faulty"));
                }
                return what + ": " + device + " silent for " + f.duration().toMillis() / 1000.0 + " s, back; gateway reported "
                        + (fault ? "DEVICE_FAULT" : "no DEVICE_FAULT") + " and " + (recovered ? "DEVICE_RECOVERED" : "no DEVICE_RECOVERED");
            }
            default -> throw new IllegalArgumentException("unknown fault " + f.type());
        }
    }

    private static java.util.function.Predicate<JsonNode> deviceEvent(String type, String deviceId) {
        return e -> type.equals(e.path("type").asText()) && deviceId.equals(e.path("payload").path("deviceId").asText());
    }

    /** Makes the device stop answering; returns what plugs it back in. */
    private static Runnable unplug(SimulatedCheckpoint cp, String device) {
        for (SimulatedCheckpoint.LaneSpec lane : cp.laneSpecs()) {
            if (device.equals(lane.id() + "-scale")) {
                cp.lane(lane.id()).rig().scale().silent(true);
                return () -> cp.lane(lane.id()).rig().scale().silent(false);
            }
            if (device.equals(lane.id() + "-barrier")) {
                cp.relayBoard(lane.id()).board(1).fault(Fault.silent());
                return () -> cp.relayBoard(lane.id()).board(1).fault(Fault.none());
            }
        }
        throw new IllegalArgumentException("device-unplugged: no simulated scale or barrier '" + device
                + "' (use <lane>-scale or <lane>-barrier)");
    }

    private Result conform(SimulatedCheckpoint cp, List<VehicleDriver.Outcome> outcomes, Set<String> centralIds, long started)
            throws InterruptedException {
        int asExpected = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            VehicleDriver.Outcome o = outcomes.get(i);
            Scenario.Vehicle v = o.vehicle();
            String atCentral = "";
            String centralAll = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!o.cycleId().isEmpty()) {
                List<JsonNode> d = cp.centralDecisions(o.cycleId());
                if (!d.isEmpty()) {
                    List<String> seen = d.stream().sorted(Comparator.comparingLong(e -> e.path("seq").asLong()))
                            .map(e -> e.path("payload").path("verdict").asText()).toList();
                    atCentral = seen.get(0);
                    centralAll = String.join(">", seen);
                    if (seen.size() >= o.verdicts().size()) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
            boolean ok = v.expect().equals(atCentral) && v.expect().equals(o.firstVerdict()) && o.problem().isEmpty();
            if (ok) {
                asExpected++;
            }
            out.printf(Locale.ROOT, "vehicle %d %s %s at %.1f s: expect %s, gateway %s, central %s, %s  %s%n", i + 1, v.lane(), v.plate(),
                    v.at().toMillis() / 1000.0, v.expect(), o.verdicts().isEmpty() ? "-" : String.join(">", o.verdicts()),
                    centralAll.isEmpty() ? "-" : centralAll, o.note() + (o.problem().isEmpty() ? "" : "; " + o.problem()),
                    ok ? "OK" : "MISMATCH");
        }
        // Events: the gateway's journal as the pull API serves it against what reached the central.
        Set<String> gatewayIds = new HashSet<>();
        boolean equal = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                while (cp.feed().pollOnce() > 0) {
                    // drain
                }
            } catch (IOException e) {
                out.println("pull failed: " + e.getMessage());
            }
            gatewayIds.clear();
            cp.feed().events().forEach(e -> gatewayIds.add(e.path("id").asText()));
            equal = gatewayIds.equals(centralIds);
            if (equal || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        CentralSimulator.GatewayReport report = cp.central().report(GATEWAY_ID);
        Set<String> missing = new HashSet<>(gatewayIds);
        missing.removeAll(centralIds);
        out.printf(Locale.ROOT, "events: gateway %d, central %d (missing at central %d, duplicates %d, conflicts %d), gaps %d%s%n",
                gatewayIds.size(), centralIds.size(), missing.size(), report.duplicates(), report.conflicts(), report.gaps(),
                report.gapRanges().isEmpty() ? "" : " " + report.gapRanges());
        boolean eventsOk = !scenario.eventsAtCentralEqualGateway() || (equal && report.conflicts() == 0);
        boolean gapsOk = report.gaps() <= scenario.maxGaps();
        faultProblems.forEach(p -> out.println("fault expectation not met: " + p));
        boolean ok = asExpected == outcomes.size() && eventsOk && gapsOk && faultProblems.isEmpty();
        String summary = String.format(Locale.ROOT,
                "%s %s: vehicles %d, decisions as expected %d/%d, events central %d %s gateway %d, duplicates %d, gaps %d, %.1f s",
                ok ? "PASS" : "FAIL", scenario.name(), outcomes.size(), asExpected, outcomes.size(), centralIds.size(),
                equal ? "=" : "!=", gatewayIds.size(), report.duplicates(), report.gaps(), seconds(started));
        out.println(summary);
        return new Result(ok, summary);
    }

    private Result fail(long started, String why) {
        out.println("error: " + why);
        String summary = String.format(Locale.ROOT, "FAIL %s: %s, %.1f s", scenario.name(), why.lines().findFirst().orElse(why),
                seconds(started));
        out.println(summary);
        return new Result(false, summary);
    }

    private List<Declaration> declarations() {
        List<Declaration> out = new ArrayList<>();
        for (Scenario.DeclarationSpec d : scenario.declarations()) {
            out.add(new Declaration(d.id(), Set.copyOf(d.plates()), Set.copyOf(d.containers()), Set.copyOf(d.seals()),
                    d.grossKg() == null ? null : BigDecimal.valueOf(d.grossKg()), Channel.valueOf(d.channel())));
        }
        return out;
    }

    private List<Map<String, Object>> watchlist() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Scenario.WatchEntry w : scenario.watchlist()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", w.subject());
            m.put("value", w.subject().equals("PLATE") ? org.borderedge.core.Plate.normalise(w.value()) : w.value());
            m.put("reason", w.reason());
            out.add(m);
        }
        return out;
    }

    private static void sleepUntil(long t0, Duration at) throws InterruptedException {
        long wait = t0 + at.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
