package org.borderedge.sim.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.borderedge.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway process is killed with SIGKILL mid-stream and restarted, again and again: every
 * event whose append returned reaches the central, the sequence has no gaps, and duplicates are
 * only repeats of an id. Rounds: 20, or -Dborderedge.soak.rounds=N for a longer soak.
 */
class GatewayKillIT {

    @TempDir
    Path dir;

    @Test
    void everyReturnedAppendIsDeliveredAcrossRepeatedKills() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed");
        int rounds = Integer.getInteger("borderedge.soak.rounds", 20);
        Set<Long> returned = ConcurrentHashMap.newKeySet();
        Set<Long> epochs = ConcurrentHashMap.newKeySet();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                CentralSimulator central = CentralSimulator.start(broker.url(), "borderedge",
                        KillTestGateway.KEY.getBytes(StandardCharsets.UTF_8))) {
            for (int round = 0; round < rounds; round++) {
                Process p = child(broker.url(), 3);
                CountDownLatch started = new CountDownLatch(1);
                Thread reader = reader(p, returned, epochs, started);
                assertTrue(started.await(30, TimeUnit.SECONDS), "child started");
                // Kill at a random moment of the append stream (and of the uplink's sending).
                Thread.sleep(ThreadLocalRandom.current().nextLong(50, 600));
                p.destroyForcibly();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "child gone");
                reader.join(5000);
            }
            assertTrue(returned.size() >= rounds * 5, "appends happened: " + returned.size());
            assertEquals(1, epochs.size(), "one epoch across restarts: " + epochs);
            long epoch = epochs.iterator().next();
            Process drain = child(broker.url(), 0);
            Thread reader = reader(drain, returned, epochs, new CountDownLatch(1));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && !returned.stream().allMatch(s -> central.received("kill-gw", epoch, s))) {
                    Thread.sleep(100);
                }
            } finally {
                drain.destroyForcibly();
                drain.waitFor(10, TimeUnit.SECONDS);
                reader.join(5000);
            }
            List<Long> missing = returned.stream().filter(s -> !central.received("kill-gw", epoch, s)).sorted().limit(20).toList();
            CentralSimulator.GatewayReport r = central.report("kill-gw");
            System.out.println("kill test: " + rounds + " kills, " + returned.size() + " returned appends, report " + r);
            assertEquals(List.of(), missing, "returned appends not delivered");
            assertEquals(0, r.gaps(), "gaps " + r.gapRanges());
            assertEquals(0, r.conflicts(), "a sequence arrived under two ids");
        }
    }

    private Process child(String brokerUrl, int writers) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KillTestGateway.class.getName(), dir.resolve("gw").toString(), brokerUrl, "kill-gw", Integer.toString(writers))
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "kill-child-stderr.log").toFile()))
                .start();
    }

    private static Thread reader(Process p, Set<Long> returned, Set<Long> epochs, CountDownLatch started) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    String[] f = line.split(" ");
                    if (f[0].equals("APPENDED") && f.length == 3) {
                        epochs.add(Long.parseLong(f[1]));
                        returned.add(Long.parseLong(f[2]));
                    } else if (f[0].equals("STARTED")) {
                        epochs.add(Long.parseLong(f[1]));
                        started.countDown();
                    }
                }
            } catch (Exception e) {
                // the child was killed mid-line: what was read is what counts
            }
        });
        t.start();
        return t;
    }

}
