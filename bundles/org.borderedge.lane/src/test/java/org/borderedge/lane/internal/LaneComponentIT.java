package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
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
import org.borderedge.core.CentralLink;
import org.borderedge.core.Channel;
import org.borderedge.core.EventType;
import org.borderedge.core.ReferenceData;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.outbox.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The built lane bundle in an embedded Felix with SCR and Config Admin: a factory configuration
 * makes a lane, which binds its devices by their lane.id service property, the outbox and the
 * reference data, and runs a cycle. Domain API packages come from the class path (system bundle),
 * so the test's in-memory devices and journal are the services the bundle uses.
 */
class LaneComponentIT {

    @TempDir
    Path storage;

    private Framework framework;
    private BundleContext ctx;
    private Bundle configAdmin;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @BeforeEach
    void startFramework() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exported("org.borderedge.core") + ","
                + exported("org.borderedge.device") + "," + exported("org.borderedge.outbox") + ",org.slf4j;version=2.0.17");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (String name : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
                "org.apache.felix.configadmin", "org.apache.felix.scr")) {
            Bundle b = ctx.installBundle(classPathJar(name).toURI().toString());
            bundles.add(b);
            if (name.contains("configadmin")) {
                configAdmin = b;
            }
        }
        bundles.add(ctx.installBundle(laneBundle().toUri().toString()));
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

    /** The package with the version its bundle's manifest (on the class path) exports it at. */
    private static String exported(String pkg) throws IOException {
        var manifests = LaneComponentIT.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pkg) + ";version=\"([^\"]+)\"");
        while (manifests.hasMoreElements()) {
            try (var in = manifests.nextElement().openStream()) {
                var attrs = new java.util.jar.Manifest(in).getMainAttributes();
                String exports = attrs.getValue("Export-Package");
                if (pkg.equals(attrs.getValue("Bundle-SymbolicName")) && exports != null) {
                    var m = p.matcher(exports);
                    if (m.find()) {
                        return pkg + ";version=" + m.group(1);
                    }
                }
            }
        }
        throw new IllegalStateException("no bundle manifest exporting " + pkg + " on the class path");
    }

    private static File classPathJar(String prefix) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new).filter(f -> f.getName().startsWith(prefix) && f.getName().endsWith(".jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException(prefix + " not on the test class path"));
    }

    private static Path laneBundle() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("org\\.borderedge\\.lane-.*\\.jar")
                    && !p.getFileName().toString().contains("sources")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the lane bundle first (mvn verify)"));
        }
    }

    private <T> void register(Class<T> type, T service, Map<String, Object> props) {
        registrations.add(ctx.registerService(type, service, new Hashtable<>(props)));
    }

    private void createLaneConfig(Map<String, Object> props) throws Exception {
        // getAll...: the system bundle does not wire org.osgi.service.cm, so class-space filtering would hide it.
        await("Config Admin", () -> call(() -> ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)) != null);
        ServiceReference<?> ref = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0];
        Object admin = ctx.getService(ref);
        Class<?> adminType = configAdmin.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object config = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                .invoke(admin, "org.borderedge.lane", (String) props.get("lane.id"), null);
        Class<?> configType = configAdmin.loadClass("org.osgi.service.cm.Configuration");
        configType.getMethod("update", Dictionary.class).invoke(config, new Hashtable<>(props));
    }

    private Object lane(String id) throws Exception {
        ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.borderedge.lane.Lane", "(lane.id=" + id + ")");
        return refs == null ? null : ctx.getService(refs[0]);
    }

    private static String state(Object lane) throws Exception {
        Method m = lane.getClass().getMethod("state");
        return (String) m.invoke(lane);
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

    @Test
    void configuredLaneBindsItsDevicesAndRunsACycle() throws Exception {
        LaneFixture f = new LaneFixture("L7", b -> {
        });
        // Only the lane inside the framework drives these devices.
        for (TestDevice d : List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal, f.scanner)) {
            f.lane.unbind(d);
        }
        MemoryOutbox outbox = new MemoryOutbox();
        f.declare("D1", "51F-678.90", 20_000, Channel.GREEN, "SEAL-1");
        register(Outbox.class, outbox, Map.of());
        register(ReferenceData.class, f.ref, Map.of());
        register(CentralLink.class, f.ref, Map.of());
        for (TestDevice d : List.of(f.barrier, f.scale, f.camera, f.qr, f.eseal)) {
            register(Device.class, d, Map.of(Device.PROP_ID, d.id(), Device.PROP_KIND, d.kind(), Device.PROP_LANE, d.laneId()));
        }
        // A device of another lane must not be bound to L7.
        TestDevice otherBarrier = new TestDevice("L8-barrier", "barrier", "L8");
        register(Device.class, otherBarrier, Map.of(Device.PROP_ID, "L8-barrier", Device.PROP_KIND, "barrier", Device.PROP_LANE, "L8"));

        createLaneConfig(Map.of("lane.id", "L7", "lane.type", "road-import", "clearance.delay.ms", 200L, "tick.ms", 20L));
        await("lane L7 service", () -> {
            try {
                return lane("L7") != null;
            } catch (Exception e) {
                return false;
            }
        });
        Object lane = lane("L7");
        assertEquals("STARTING", state(lane));

        f.startIdle();
        await("IDLE", () -> call(() -> state(lane)).equals("IDLE"));
        f.arrive("51F-678.90", 20_000, "SEAL-1", SealLock.LOCKED);
        await("OPEN handed to the barrier", () -> f.barrier.commands().contains(new DeviceCommand.Barrier(DeviceCommand.BarrierAction.OPEN)));
        assertTrue(otherBarrier.commands().isEmpty());
        assertEquals("RELEASE", outbox.last(EventType.DECISION).payload().get("verdict"));

        f.presence(false);
        f.safety(true);
        f.exit(true);
        f.safety(false);
        // The component's own timer closes the boom after the 200 ms clearance delay.
        await("cycle completed", () -> outbox.last(EventType.CYCLE_COMPLETED) != null);
        assertEquals("IDLE", state(lane));

        f.barrier.status(DeviceStatus.offline("relay board unplugged", java.time.Instant.now()));
        await("MANUAL after barrier fault", () -> call(() -> state(lane)).equals("MANUAL"));
        assertNotNull(outbox.last(EventType.DEVICE_FAULT));
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
