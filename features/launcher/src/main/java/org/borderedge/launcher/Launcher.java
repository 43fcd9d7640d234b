package org.borderedge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts embedded Apache Felix with the feature's bundles in three start levels: logging first
 * (slf4j finds its provider through SPI Fly only if both are up before anything logs), then the
 * runtime services (SCR, ConfigAdmin, HTTP ...), then BorderEdge's own bundles, which start only
 * after the site's configurations are in ConfigAdmin, so no component ever runs unconfigured.
 */
public final class Launcher {

    static final int LEVEL_LOGGING = 1;
    static final int LEVEL_RUNTIME = 2;
    static final int LEVEL_BORDEREDGE = 3;

    /** Held so the level set on it is not lost to garbage collection. */
    private static final java.util.logging.Logger SPI_FLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    private Launcher() {
    }

    /** Log format and levels for slf4j-simple (inside and outside the framework), unless the user set them. */
    static void configureLogging() {
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        defaultProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        defaultProperty("org.slf4j.simpleLogger.log.org.apache.felix.http", "warn");
        SPI_FLY_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static RunningGateway start(LaunchOptions options) throws Exception {
        configureLogging();
        Site site = SiteFile.load(options.siteFile());
        Files.createDirectories(options.dataDir());
        // Framework threads inherit the context class loader of the thread that starts them. With
        // the application class loader there, ServiceLoader lookups inside bundles (slf4j's provider
        // search) would find classes of the launcher's class path and fail with "not a subtype".
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            return startFramework(options, site);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static RunningGateway startFramework(LaunchOptions options, Site site) throws Exception {
        Map<String, String> props = frameworkProperties(options, site);
        Framework framework = ServiceLoader.load(FrameworkFactory.class, Launcher.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(props);
        framework.init();
        BundleContext context = framework.getBundleContext();
        context.addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                System.err.println("[borderedge] ERROR in " + (e.getBundle() == null ? "framework" : e.getBundle().getSymbolicName())
                        + ": " + (e.getThrowable() == null ? "" : e.getThrowable()));
            }
        });
        installFeature(context, options.shell());
        framework.start();
        Path siteDir = options.siteFile().toAbsolutePath().getParent();
        ConfigAdminBridge configAdmin = ConfigAdminBridge.await(context, 30_000);
        for (Map.Entry<String, Map<String, Object>> e
                : SiteConfigurations.of(site, siteDir, options.extraConfigurations()).entrySet()) {
            configAdmin.put(e.getKey(), e.getValue());
        }
        raiseStartLevel(framework, LEVEL_BORDEREDGE);
        return new RunningGateway(framework, "http://" + loopbackFor(options.httpHost()) + ":" + options.httpPort());
    }

    private static Map<String, String> frameworkProperties(LaunchOptions options, Site site) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, options.dataDir().resolve("felix-cache").toAbsolutePath().toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(LEVEL_RUNTIME));
        p.put("felix.log.level", "1");
        // Felix would otherwise hand requests made by JDK code (ServiceLoader) to the launcher's class
        // path, and bundles would see the launcher's copies of libraries.
        p.put("felix.bootdelegation.implicit", "false");
        p.put("org.osgi.service.http.port", Integer.toString(options.httpPort()));
        p.put("org.apache.felix.http.host", options.httpHost());
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("ds.loglevel", "warn");
        p.put("gosh.args", options.shell() ? "" : "--nointeractive");
        p.put("borderedge.gateway.id", site.gatewayId());
        p.put("borderedge.gateway.name", site.gatewayName());
        p.put("borderedge.timezone", site.timeZone());
        p.put("borderedge.data.dir", options.dataDir().toAbsolutePath().toString());
        p.put("borderedge.site.file", options.siteFile().toAbsolutePath().toString());
        p.put("borderedge.http.port", Integer.toString(options.httpPort()));
        p.put("borderedge.site.lanes", site.lanes().stream().map(Site.LaneEntry::id).collect(Collectors.joining(",")));
        p.put("borderedge.site.devices", site.devices().stream().map(d -> d.id() + "=" + d.kind()).collect(Collectors.joining(",")));
        p.putAll(options.frameworkProperties());
        return p;
    }

    private static void installFeature(BundleContext context, boolean shell) throws IOException, BundleException {
        for (FeatureBundles.Entry entry : FeatureBundles.list(Launcher.class.getClassLoader())) {
            Manifest manifest;
            try (InputStream in = entry.open(); JarInputStream jar = new JarInputStream(in)) {
                manifest = jar.getManifest();
            }
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null) {
                continue;
            }
            bsn = bsn.split(";")[0].trim();
            if (!shell && bsn.startsWith("org.apache.felix.gogo")) {
                continue;
            }
            Bundle bundle;
            try (InputStream in = entry.open()) {
                bundle = context.installBundle("feature:" + entry.fileName(), in);
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(startLevelOf(bsn));
            if (manifest.getMainAttributes().getValue(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

    static int startLevelOf(String bsn) {
        if (bsn.startsWith("org.borderedge.")) {
            return LEVEL_BORDEREDGE;
        }
        if (bsn.equals("org.apache.felix.log") || bsn.startsWith("slf4j.") || bsn.startsWith("org.objectweb.asm")
                || bsn.startsWith("org.apache.aries.spifly")) {
            return LEVEL_LOGGING;
        }
        return LEVEL_RUNTIME;
    }

    private static void raiseStartLevel(Framework framework, int level) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, e -> done.countDown());
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bundles did not reach start level " + level + " within 60 s");
        }
    }

    private static String loopbackFor(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }

    /** Milliseconds since this JVM started, for the "ready in" line. */
    static long uptimeMs() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
