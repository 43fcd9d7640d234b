package org.borderedge.feature;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.borderedge.launcher.LaunchOptions;
import org.borderedge.launcher.Launcher;
import org.borderedge.launcher.Main;
import org.borderedge.launcher.RunningGateway;
import org.borderedge.sim.modbus.RelayBoardSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The barrier driver inside the real gateway feature (Felix, SCR, ConfigAdmin from a site file)
 * against a simulated relay board over Modbus TCP: ONLINE in health, OPEN pulses the board, CLOSE
 * is refused while a vehicle is under the boom, and a vanished board is OFFLINE with its reason.
 */
class BarrierGatewayIT {

    @TempDir
    Path dir;

    @Test
    void barrierCycleThroughTheGateway() throws Exception {
        RelayBoardSimulator sim = RelayBoardSimulator.builder().board(1, "barrier/waveshare-relay8", Map.of())
                .travel(Duration.ofMillis(300)).startTcp(0);
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                schemaVersion: 1
                gateway: { id: VN-IT-BAR, name: Barrier check, timeZone: Asia/Ho_Chi_Minh }
                lanes:
                  - { id: IMP-1, type: road-import }
                devices:
                  - id: IMP-1-barrier
                    kind: barrier
                    lane: IMP-1
                    profile: barrier/waveshare-relay8
                    endpoint: "%s&timeoutMs=200"
                    options: { pollMs: 50, pulseMs: 100 }
                """.formatted(sim.endpointUri(1)));
        RunningGateway gateway = Launcher.start(LaunchOptions.of(site, dir.resolve("data"), Main.freePort()));
        try {
            waitFor(() -> "ONLINE".equals(device(gateway).path("status").asText()), "barrier ONLINE in health: " + gateway.health());

            Object barrier = deviceService(gateway, "IMP-1-barrier");
            assertTrue(accepted(execute(barrier, "OPEN")));
            waitFor(() -> sim.barrier(1).openLimit(), "boom open");
            assertEquals(1, sim.board(1).pulses(org.borderedge.device.DeviceCommand.BarrierAction.OPEN));

            sim.barrier(1).vehicleStopsUnderBoom();
            Thread.sleep(300);
            Object refused = execute(barrier, "CLOSE");
            assertFalse(accepted(refused));
            assertTrue(reason(refused).contains("safety loop occupied"), reason(refused));

            sim.barrier(1).vehicleLeaves();
            Thread.sleep(300);
            assertTrue(accepted(execute(barrier, "CLOSE")));
            waitFor(() -> sim.barrier(1).closeLimit(), "boom closed");

            sim.close();
            waitFor(() -> "OFFLINE".equals(device(gateway).path("status").asText()), "barrier OFFLINE after the board vanished");
            assertTrue(device(gateway).path("reason").asText().contains("tcp:127.0.0.1:" + sim.port()), gateway.health());
        } finally {
            sim.close();
            gateway.stop(Duration.ofSeconds(30));
        }
    }

    private static JsonNode device(RunningGateway gateway) {
        try {
            String health = gateway.health();
            if (health == null) {
                return new ObjectMapper().createObjectNode();
            }
            for (JsonNode d : new ObjectMapper().readTree(health).path("devices")) {
                if (d.path("id").asText().equals("IMP-1-barrier")) {
                    return d;
                }
            }
            return new ObjectMapper().createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The HTTP service answers (404 page) before the health servlet is registered.
            return new ObjectMapper().createObjectNode();
        }
    }

    /** The Device service lives in the framework's class space: it is used through reflection. */
    private static Object deviceService(RunningGateway gateway, String id) throws Exception {
        BundleContext ctx = gateway.framework().getBundleContext();
        ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.borderedge.device.Device", "(device.id=" + id + ")");
        assertNotNull(refs, "no Device service " + id);
        return ctx.getService(refs[0]);
    }

    private static Object execute(Object device, String action) throws Exception {
        Bundle deviceBundle = org.osgi.framework.FrameworkUtil.getBundle(device.getClass());
        Class<?> actionType = deviceBundle.loadClass("org.borderedge.device.DeviceCommand$BarrierAction");
        Class<?> barrierType = deviceBundle.loadClass("org.borderedge.device.DeviceCommand$Barrier");
        Class<?> commandType = deviceBundle.loadClass("org.borderedge.device.DeviceCommand");
        Object command = barrierType.getConstructor(actionType).newInstance(actionType.getMethod("valueOf", String.class).invoke(null, action));
        Method execute = device.getClass().getMethod("execute", commandType);
        CompletionStage<?> stage = (CompletionStage<?>) execute.invoke(device, command);
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static boolean accepted(Object result) throws Exception {
        return (Boolean) result.getClass().getMethod("accepted").invoke(result);
    }

    private static String reason(Object result) throws Exception {
        return (String) result.getClass().getMethod("reason").invoke(result);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }
}
