package org.borderedge.lane.internal;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An embedded Felix with SCR and Config Admin for the lane-level OSGi tests (this bundle's and the
 * resident bundle's). The domain API packages (core, device, outbox) come from the class path
 * through the system bundle, at the versions their bundles export, so a test's in-memory devices
 * and journal are the very services the bundles under test use.
 */
final class LaneFramework implements AutoCloseable {

    private final Framework framework;
    private final Bundle configAdmin;
    final BundleContext ctx;

    private LaneFramework(Framework framework, Bundle configAdmin) {
        this.framework = framework;
        this.configAdmin = configAdmin;
        this.ctx = framework.getBundleContext();
    }

    /**
     * Starts the framework in {@code storage} with {@code properties} and the extra system packages,
     * installs SCR and Config Admin from the class path and then {@code bundles}, and starts them all.
     */
    static LaneFramework start(Path storage, Map<String, String> properties, String extraPackages, List<File> bundles)
            throws IOException, BundleException {
        Map<String, String> props = new HashMap<>(properties);
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exported("org.borderedge.core") + "," + exported("org.borderedge.device")
                + "," + exported("org.borderedge.outbox") + ",org.slf4j;version=2.0.17" + (extraPackages.isEmpty() ? "" : "," + extraPackages));
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        Bundle configAdmin = null;
        for (String name : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
                "org.apache.felix.configadmin", "org.apache.felix.scr")) {
            Bundle b = ctx.installBundle(classPathJar(name).toURI().toString());
            installed.add(b);
            if (name.contains("configadmin")) {
                configAdmin = b;
            }
        }
        for (File f : bundles) {
            installed.add(ctx.installBundle(f.toURI().toString()));
        }
        for (Bundle b : installed) {
            b.start();
        }
        return new LaneFramework(framework, configAdmin);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** The package with the version its bundle's manifest (on the class path) exports it at. */
    static String exported(String pkg) throws IOException {
        var manifests = LaneFramework.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        Pattern p = Pattern.compile(Pattern.quote(pkg) + ";version=\"([^\"]+)\"");
        while (manifests.hasMoreElements()) {
            try (var in = manifests.nextElement().openStream()) {
                var attrs = new java.util.jar.Manifest(in).getMainAttributes();
                String exports = attrs.getValue("Export-Package");
                if (pkg.equals(attrs.getValue("Bundle-SymbolicName")) && exports != null) {
                    Matcher m = p.matcher(exports);
                    if (m.find()) {
                        return pkg + ";version=" + m.group(1);
                    }
                }
            }
        }
        throw new IllegalStateException("no bundle manifest exporting " + pkg + " on the class path");
    }

    /** A jar on the test class path whose name starts with {@code prefix} (test jars excluded). */
    static File classPathJar(String prefix) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new).filter(f -> f.getName().startsWith(prefix) && f.getName().endsWith(".jar")
                        && !f.getName().endsWith("-tests.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException(prefix + " jar not on the test class path"));
    }

    /** This module's built bundle in target/, e.g. {@code org.borderedge.lane}. */
    static File builtBundle(String artifactId) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches(Pattern.quote(artifactId) + "-.*\\.jar")
                    && !p.getFileName().toString().contains("sources") && !p.getFileName().toString().contains("tests"))
                    .findFirst().map(Path::toFile)
                    .orElseThrow(() -> new IllegalStateException("build the " + artifactId + " bundle first (mvn verify)"));
        }
    }

    /** Creates the lane's factory configuration through Config Admin (reflectively: the system bundle does not wire it). */
    void createLaneConfig(Map<String, Object> props) throws Exception {
        // getAll...: the system bundle does not wire org.osgi.service.cm, so class-space filtering would hide it.
        await("Config Admin", () -> configAdminReference() != null);
        Object admin = ctx.getService(configAdminReference());
        Class<?> adminType = configAdmin.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object config = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                .invoke(admin, "org.borderedge.lane", (String) props.get("lane.id"), null);
        Class<?> configType = configAdmin.loadClass("org.osgi.service.cm.Configuration");
        configType.getMethod("update", Dictionary.class).invoke(config, new Hashtable<>(props));
    }

    private ServiceReference<?> configAdminReference() {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            return refs == null ? null : refs[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lane service with this id, or null while there is none. */
    Object lane(String id) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.borderedge.lane.Lane", "(lane.id=" + id + ")");
            return refs == null ? null : ctx.getService(refs[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state of the lane with this id, or null while there is none. */
    String state(String laneId) {
        Object lane = lane(laneId);
        try {
            return lane == null ? null : (String) lane.getClass().getMethod("state").invoke(lane);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
