package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.borderedge.core.EventType;
import org.borderedge.core.LaneType;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.outbox.Outbox;
import org.borderedge.resident.internal.SqliteResidentLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The built lane and resident bundles in an embedded Felix with SCR and Config Admin: a resident-trade
 * lane from a factory configuration binds the resident ledger service, which keeps its SQLite file in
 * the gateway's data folder. Domain API packages (core, device, outbox) and the SQLite driver come from
 * the class path, so the test's devices and journal are the services the bundles use.
 */
class ResidentLaneOsgiIT {

    @TempDir
    Path storage;
    @TempDir
    Path dataDir;

    private Framework framework;
    private BundleContext ctx;
    private Bundle configAdmin;

    @BeforeEach
    void startFramework() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.borderedge.core;version=1.0.0,"
                + "org.borderedge.device;version=1.0.0,org.borderedge.outbox;version=1.1.0,org.slf4j;version=2.0.17,"
                + "org.sqlite;version=3.54.1");
        props.put("borderedge.data.dir", dataDir.toString());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (String name : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
                "org.apache.felix.configadmin", "org.apache.felix.scr", "org.borderedge.lane-")) {
            Bundle b = ctx.installBundle(classPathJar(name).toURI().toString());
            bundles.add(b);
            if (name.contains("configadmin")) {
                configAdmin = b;
            }
        }
        bundles.add(ctx.installBundle(residentBundle().toUri().toString()));
        for (Bundle b : bundles) {
            b.start();
        }
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void aConfiguredResidentLaneUsesTheLedgerInTheDataFolder() throws Exception {
        LaneFixture f = new LaneFixture("R9", LaneType.RESIDENT_TRADE, b -> {
        });
        for (TestDevice d : List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal, f.scanner)) {
            f.lane.unbind(d);
        }
        MemoryOutbox outbox = new MemoryOutbox();
        ctx.registerService(Outbox.class, outbox, new Hashtable<>());
        for (TestDevice d : List.of(f.barrier, f.qr)) {
            ctx.registerService(Device.class, d, new Hashtable<>(Map.of(Device.PROP_ID, d.id(), Device.PROP_KIND, d.kind(),
                    Device.PROP_LANE, d.laneId())));
        }
        createLaneConfig(Map.of("lane.id", "R9", "lane.type", "resident-trade", "check.plate", false, "check.weight", false,
                "check.seal", false, "resident.quota.vnd", 2_000_000L, "clearance.delay.ms", 200L, "tick.ms", 20L));
        await("lane R9", () -> lane("R9") != null);
        f.startIdle();
        await("IDLE", () -> "IDLE".equals(state()));

        f.presence(true);
        f.code("BERES1|ID=LS-000777|NAME=Hoang Van C|VALUE=1500000");
        await("OPEN for a resident within the quota", () -> f.barrier.commands().contains(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)));
        assertEquals(1_500_000L, ((Number) outbox.last(EventType.RESIDENT_PURCHASE).payload().get("valueVnd")).longValue());
        Path file = dataDir.resolve("resident-quota.db");
        assertTrue(Files.exists(file), "the ledger lives in the data folder");
        try (SqliteResidentLedger reader = SqliteResidentLedger.open(file)) {
            String period = (String) outbox.last(EventType.RESIDENT_PURCHASE).payload().get("period");
            assertEquals(1_500_000L, reader.usedVnd("LS-000777", period));
        }

        f.presence(false);
        f.safety(true);
        f.exit(true);
        f.safety(false);
        await("cycle completed", () -> outbox.last(EventType.CYCLE_COMPLETED) != null);
        await("IDLE again", () -> "IDLE".equals(state()));

        f.presence(true);
        f.code("BERES1|ID=LS-000777|VALUE=600000");
        await("HELD over the quota", () -> "HELD".equals(state()));
        assertEquals("HOLD", outbox.last(EventType.DECISION).payload().get("verdict"));
        assertEquals(1, f.barrier.commands().stream().filter(c -> c.equals(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN))).count());
    }

    private String state() {
        try {
            Object lane = lane("R9");
            return lane == null ? null : (String) lane.getClass().getMethod("state").invoke(lane);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object lane(String id) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.borderedge.lane.Lane", "(lane.id=" + id + ")");
            return refs == null ? null : ctx.getService(refs[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void createLaneConfig(Map<String, Object> props) throws Exception {
        // getAll...: the system bundle does not wire org.osgi.service.cm, so class-space filtering would hide it.
        await("Config Admin", () -> {
            try {
                return ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null) != null;
            } catch (Exception e) {
                return false;
            }
        });
        ServiceReference<?> ref = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0];
        Object admin = ctx.getService(ref);
        Class<?> adminType = configAdmin.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object config = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                .invoke(admin, "org.borderedge.lane", (String) props.get("lane.id"), null);
        Class<?> configType = configAdmin.loadClass("org.osgi.service.cm.Configuration");
        configType.getMethod("update", Dictionary.class).invoke(config, new Hashtable<>(props));
    }

    private static File classPathJar(String prefix) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new).filter(f -> f.getName().startsWith(prefix) && f.getName().endsWith(".jar")
                        && !f.getName().endsWith("-tests.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException(prefix + " jar not on the test class path"));
    }

    private static Path residentBundle() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("org\\.borderedge\\.resident-.*\\.jar")
                    && !p.getFileName().toString().contains("sources") && !p.getFileName().toString().contains("tests")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the resident bundle first (mvn verify)"));
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
