package org.borderedge.sim.modbus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceState;
import org.borderedge.device.barrier.PollTiming;
import org.borderedge.device.barrier.internal.RelayBarrierHandlerFactory;
import org.borderedge.sim.bench.BenchOutput;
import org.borderedge.sim.bench.Benchmark;
import org.borderedge.sim.lane.DriverDevice;
import org.borderedge.transport.modbus.ModbusTransport;
import org.borderedge.transport.modbus.ModbusTransports;

/**
 * modbus.poll.jitter_*: 4 lanes, each a relay board with its inputs on its own Modbus TCP
 * simulator, polled by the real barrier driver at 10 Hz while vehicles pass and OPEN/CLOSE pulses
 * share the lines. Jitter = |actual poll start - scheduled start|, over all polls after a 1 s warm-up.
 * Full run 60 s, --quick 6 s.
 */
public final class ModbusPollBenchmark implements Benchmark {

    private static final int LANES = 4;
    private static final int POLL_MS = 100;
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Override
    public List<String> names() {
        return List.of("modbus.poll.jitter_p99_ms", "modbus.poll.jitter_p50_ms", "modbus.poll.jitter_max_ms",
                "modbus.poll.failed");
    }

    @Override
    public void run(boolean quick, BenchOutput out) throws Exception {
        Duration length = quick ? Duration.ofSeconds(6) : Duration.ofSeconds(60);
        Ticker ticker = Ticker.system();
        ModbusTransport transport = ModbusTransports.create(ticker);
        Map<String, List<Long>> samples = new ConcurrentHashMap<>();
        long measureFrom = ticker.nanos() + WARMUP_NANOS;
        PollTiming timing = (deviceId, lateNanos) -> {
            if (ticker.nanos() - measureFrom >= 0) {
                samples.computeIfAbsent(deviceId, k -> new ArrayList<>()).add(lateNanos);
            }
        };
        RelayBarrierHandlerFactory factory = new RelayBarrierHandlerFactory(transport, ticker, timing);
        List<RelayBoardSimulator> sims = new ArrayList<>();
        List<DriverDevice> devices = new ArrayList<>();
        List<Thread> traffic = new ArrayList<>();
        AtomicInteger vehicles = new AtomicInteger();
        try {
            for (int lane = 1; lane <= LANES; lane++) {
                RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                        .travel(Duration.ofMillis(800)).startTcp(0);
                sims.add(sim);
                devices.add(new DriverDevice("barrier-lane-" + lane, "lane-" + lane, sim.endpointUri(1) + "&timeoutMs=500",
                        BarrierProfiles.builtIn("barrier/waveshare-relay8"), Map.of("pollMs", POLL_MS, "pulseMs", 300),
                        factory, Clock.systemUTC()).start());
            }
            for (DriverDevice device : devices) {
                awaitOnline(device, Duration.ofSeconds(10));
            }
            long end = ticker.nanos() + length.toNanos();
            for (int i = 0; i < LANES; i++) {
                BarrierPhysics barrier = sims.get(i).barrier(1);
                DriverDevice device = devices.get(i);
                Thread t = new Thread(() -> laneTraffic(barrier, device, ticker, end, vehicles), "bench-lane-" + i);
                t.setDaemon(true);
                t.start();
                traffic.add(t);
            }
            while (ticker.nanos() - end < 0) {
                Thread.sleep(50);
            }
        } finally {
            devices.forEach(DriverDevice::close);
            for (Thread t : traffic) {
                t.interrupt();
                t.join(2_000);
            }
            sims.forEach(RelayBoardSimulator::close);
        }
        long[] all = samples.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        long failed = devices.stream().mapToLong(c -> c.counter("timeouts") + c.counter("exceptions")
                + c.counter("malformed") + c.counter("disconnected")).sum();
        out.figure("modbus.poll.jitter_p99_ms", percentile(all, 0.99) / 1e6, "ms");
        out.figure("modbus.poll.jitter_p50_ms", percentile(all, 0.50) / 1e6, "ms");
        out.figure("modbus.poll.jitter_max_ms", all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, "ms");
        out.figure("modbus.poll.failed", failed, "polls");
        System.err.printf("modbus.poll: %d polls measured on %d lanes over %s, %d vehicles passed%n", all.length, LANES,
                length, vehicles.get());
    }

    /** Vehicles pass one after another; the driver opens on arrival and closes after the exit loop clears. */
    private static void laneTraffic(BarrierPhysics barrier, DriverDevice device, Ticker ticker, long end,
            AtomicInteger vehicles) {
        try {
            while (ticker.nanos() - end < 0) {
                barrier.vehicleArrives();
                device.execute(new DeviceCommand.Barrier(BarrierAction.OPEN)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                if (barrier.driveThroughAfterArrival(Duration.ofSeconds(5), Duration.ofMillis(300))) {
                    vehicles.incrementAndGet();
                }
                device.execute(new DeviceCommand.Barrier(BarrierAction.CLOSE)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("modbus.poll: lane traffic stopped: " + e);
        }
    }

    private static void awaitOnline(DriverDevice device, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (device.status().state() != DeviceState.ONLINE) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(device.id() + " did not come ONLINE within " + timeout + ": " + device.status());
            }
            Thread.sleep(5);
        }
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
