package org.borderedge.sim.modbus;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusTransports;
import org.junit.jupiter.api.Test;

/** `borderedge-sim.jar relay-board` as a technician runs it: a real process, driven through stdin, polled over TCP. */
class RelayBoardCliIT {

    @Test
    void technicianDrivesAVehicleWhileAMasterPolls() throws Exception {
        Path jar = Path.of("target/borderedge-sim.jar");
        assertTrue(Files.isRegularFile(jar), "shaded jar missing: run the package phase first");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "relay-board", "--profile", "barrier/generic-relay8coil1", "--tcp-port", "0",
                "--travel-ms", "200").redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (Exception ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try (Writer stdin = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = await(lines, "relay-board ready");
            Matcher m = Pattern.compile("(modbus-tcp://\\S+)").matcher(ready);
            assertTrue(m.find(), ready);
            try (ModbusLine line = ModbusTransports.create().line(m.group(1))) {
                assertFalse(line.readDiscreteInputs(1, 1, 8).bits()[2], "presence loop free");
                stdin.write("arrive\n");
                stdin.flush();
                await(lines, "vehicle PRESENCE");
                assertTrue(line.readDiscreteInputs(1, 1, 8).bits()[2], "presence loop occupied");
                assertTrue(line.writeCoilValue(1, 1, 0x0100).ok(), "relay 1 on with the board's 0100");
                await(lines, "relays 10000000");
                stdin.write("fault exception 6\n");
                stdin.flush();
                await(lines, "fault EXCEPTION");
                assertEquals(6, line.readDiscreteInputs(1, 1, 8).exceptionCode());
                stdin.write("quit\n");
                stdin.flush();
            }
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "quit ends the process");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static String await(BlockingQueue<String> lines, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) {
                seen.append(l).append('\n');
                if (l.contains(fragment)) {
                    return l;
                }
            }
        }
        throw new AssertionError("no line with '" + fragment + "'; output:\n" + seen);
    }
}
