package org.borderedge.feature;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.borderedge.launcher.HostProvidedBundles;
import org.borderedge.launcher.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Installs target/borderedge-gateway.dp, as Eclipse Kura installs an add-on, into a bare Felix that
 * runs only what such a host provides (HostProvidedBundles) plus Apache Felix DeploymentAdmin, and
 * checks that the package starts, answers over HTTP, reinstalls without duplicates and uninstalls clean.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentPackageIT {

    static final String PACKAGE = "org.borderedge.gateway";
    static final Set<String> DEPLOYMENT_ADMIN = Set.of("org.apache.felix.deploymentadmin", "org.apache.felix.dependencymanager",
            "org.apache.felix.eventadmin");
    static final String DA_API = "org.osgi.service.deploymentadmin.";

    @TempDir
    static Path dir;
    static Path dp;
    static Framework framework;
    static int httpPort;
    /** The package's bundles as its manifest lists them: path → symbolic name. */
    static Map<String, String> packaged;
    static List<String> hostBundles = new ArrayList<>();
    static Object deploymentAdmin;
    static Class<?> adminType;
    static Class<?> packageType;

    @BeforeAll
    static void startBareHost() throws Exception {
        dp = Path.of("target", "borderedge-gateway.dp");
        assertTrue(Files.isRegularFile(dp), dp + " is built in the package phase");
        packaged = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
            Manifest m = in.getManifest();
            assertEquals(PACKAGE, m.getMainAttributes().getValue("DeploymentPackage-SymbolicName"));
            m.getEntries().forEach((path, attributes) -> packaged.put(path, attributes.getValue("Bundle-SymbolicName")));
        }
        httpPort = Main.freePort();
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // As in the launcher: JDK code asking for classes must not be answered from the test class path.
        props.put("felix.bootdelegation.implicit", "false");
        props.put("org.osgi.service.http.port", Integer.toString(httpPort));
        props.put("org.apache.felix.http.host", "127.0.0.1");
        props.put("gosh.args", "--nointeractive");
        props.put("ds.loglevel", "warn");
        props.put("borderedge.gateway.id", "VN-DP-IT-01");
        props.put("borderedge.data.dir", dir.resolve("data").toString());

        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            framework = ServiceLoader.load(FrameworkFactory.class, DeploymentPackageIT.class.getClassLoader()).findFirst().orElseThrow()
                    .newFramework(props);
            framework.init();
            framework.start();
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of("target", "classes", "bundles"))) {
                for (Path f : files.sorted().toList()) {
                    String bsn = symbolicName(f.toUri().toURL());
                    if (bsn != null && HostProvidedBundles.provides(bsn)) {
                        installed.add(context.installBundle(f.toUri().toString()));
                        hostBundles.add(bsn);
                    }
                }
            }
            Enumeration<URL> manifests = DeploymentPackageIT.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                String url = manifests.nextElement().toString();
                if (url.startsWith("jar:")) {
                    String jar = url.substring(4, url.indexOf("!/"));
                    String bsn = symbolicName(new URL(jar));
                    if (bsn != null && DEPLOYMENT_ADMIN.contains(bsn)) {
                        installed.add(context.installBundle(jar));
                    }
                }
            }
            assertEquals(DEPLOYMENT_ADMIN.size(), installed.stream().filter(b -> DEPLOYMENT_ADMIN.contains(b.getSymbolicName())).count(),
                    "DeploymentAdmin, DependencyManager 3 and EventAdmin are on the test class path");
            // slf4j finds its provider through SPI Fly only if both are up before anything logs.
            for (Bundle b : installed) {
                if (isLogging(b.getSymbolicName())) {
                    b.start();
                }
            }
            for (Bundle b : installed) {
                if (!isLogging(b.getSymbolicName()) && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            ServiceReference<?> ref = await(() -> {
                ServiceReference<?>[] refs = context.getAllServiceReferences(DA_API + "DeploymentAdmin", null);
                return refs == null ? null : refs[0];
            }, "the DeploymentAdmin service");
            deploymentAdmin = context.getService(ref);
            adminType = ref.getBundle().loadClass(DA_API + "DeploymentAdmin");
            packageType = ref.getBundle().loadClass(DA_API + "DeploymentPackage");
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    @Test
    @Order(0)
    void theManifestComesFirstAndEveryBundleAfterWhatItImports() throws Exception {
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(dp))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertEquals("META-INF/MANIFEST.MF", entries.get(0));
        assertEquals(List.copyOf(new java.util.TreeSet<>(packaged.keySet())), entries.subList(1, entries.size()).stream().sorted().toList(),
                "one entry per manifest section");
        List<String> order = entries.subList(1, entries.size()).stream().map(packaged::get).toList();
        for (String[] pair : new String[][] {{"org.borderedge.core", "org.borderedge.device"}, {"org.borderedge.device", "org.borderedge.api.http"},
                {"com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-databind"},
                {"org.yaml.snakeyaml", "com.fasterxml.jackson.dataformat.jackson-dataformat-yaml"}}) {
            assertTrue(order.indexOf(pair[0]) >= 0 && order.indexOf(pair[0]) < order.indexOf(pair[1]), pair[0] + " before " + pair[1] + ": " + order);
        }
    }

    @Test
    @Order(1)
    void installsTheGatewayPackageAndItsBundlesStart() throws Exception {
        assertFalse(packaged.values().stream().anyMatch(HostProvidedBundles::provides), "the package leaves the host's bundles out");
        assertTrue(packaged.containsValue("org.borderedge.api.http"), packaged.toString());
        Object pkg = install();
        assertEquals(PACKAGE, call(packageType, "getName", pkg));

        for (String bsn : packaged.values()) {
            List<Bundle> found = bundles(bsn);
            assertEquals(1, found.size(), bsn + " installed once");
            Bundle b = found.get(0);
            assertEquals(Bundle.ACTIVE, b.getState(), bsn + " is ACTIVE");
            assertTrue(b.getLocation().startsWith("osgi-dp:"), bsn + " was installed by DeploymentAdmin: " + b.getLocation());
        }
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " (host or package) is ACTIVE");
            }
        }

        // Our DS component (the health servlet) is registered with the host's HTTP whiteboard and answers.
        JsonNode health = await(() -> {
            HttpResponse<String> r = get("/api/v1/health");
            return r != null && r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
        }, "GET /api/v1/health from the installed package");
        List<String> activeOfOurs = new ArrayList<>();
        for (JsonNode b : health.path("bundles")) {
            if (b.path("name").asText().startsWith("org.borderedge.") && "ACTIVE".equals(b.path("state").asText())) {
                activeOfOurs.add(b.path("name").asText());
            }
        }
        assertEquals(packaged.values().stream().filter(n -> n.startsWith("org.borderedge.")).sorted().toList(),
                activeOfOurs.stream().sorted().toList(), health.toString());
    }

    @Test
    @Order(2)
    void installingTheSamePackageAgainDuplicatesNothing() throws Exception {
        Map<String, Long> idsBefore = new HashMap<>();
        for (String bsn : packaged.values()) {
            idsBefore.put(bsn, bundles(bsn).get(0).getBundleId());
        }
        int countBefore = framework.getBundleContext().getBundles().length;

        install();

        assertEquals(countBefore, framework.getBundleContext().getBundles().length);
        for (String bsn : packaged.values()) {
            List<Bundle> found = bundles(bsn);
            assertEquals(1, found.size(), bsn + " still installed once");
            assertEquals(idsBefore.get(bsn), found.get(0).getBundleId(), bsn + " is the same bundle, updated in place");
            assertEquals(Bundle.ACTIVE, found.get(0).getState(), bsn);
        }
        Object[] installedPackages = (Object[]) call(adminType, "listDeploymentPackages", deploymentAdmin);
        assertEquals(1, installedPackages.length);
        assertEquals(200, await(() -> {
            HttpResponse<String> r = get("/api/v1/health");
            return r != null && r.statusCode() == 200 ? r : null;
        }, "health after the reinstall").statusCode());
    }

    @Test
    @Order(3)
    void uninstallingThePackageRemovesOurBundlesAndLeavesTheHost() throws Exception {
        Object pkg = adminType.getMethod("getDeploymentPackage", String.class).invoke(deploymentAdmin, PACKAGE);
        assertNotNull(pkg, "DeploymentAdmin knows the package by its symbolic name");
        call(packageType, "uninstall", pkg);

        for (String bsn : packaged.values()) {
            assertEquals(List.of(), bundles(bsn), bsn + " is gone");
        }
        for (String bsn : hostBundles) {
            assertEquals(1, bundles(bsn).size(), "host bundle " + bsn + " stays");
        }
        assertNull(adminType.getMethod("getDeploymentPackage", String.class).invoke(deploymentAdmin, PACKAGE));
        HttpResponse<String> r = get("/api/v1/health");
        assertNotNull(r, "the host's HTTP server still runs");
        assertEquals(404, r.statusCode(), "the health servlet went with its bundle");
    }

    private static Object install() throws Exception {
        try (InputStream in = Files.newInputStream(dp)) {
            return call(adminType.getMethod("installDeploymentPackage", InputStream.class), deploymentAdmin, in);
        }
    }

    private static Object call(Class<?> type, String method, Object target) throws Exception {
        return call(type.getMethod(method), target);
    }

    /** Invokes a DeploymentAdmin API method; a DeploymentException comes back with its code in the message. */
    private static Object call(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String code = "";
            try {
                code = " (code " + cause.getClass().getMethod("getCode").invoke(cause) + ")";
            } catch (NoSuchMethodException notDeploymentException) {
                // Not a DeploymentException: no code to add.
            }
            throw new AssertionError(m.getName() + " failed" + code + ": " + cause, cause);
        }
    }

    private static List<Bundle> bundles(String bsn) {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                out.add(b);
            }
        }
        return out;
    }

    private static boolean isLogging(String bsn) {
        return bsn.equals("org.apache.felix.log") || bsn.startsWith("slf4j.") || bsn.startsWith("org.objectweb.asm")
                || bsn.startsWith("org.apache.aries.spifly");
    }

    private static String symbolicName(URL jar) throws Exception {
        try (InputStream in = jar.openStream(); JarInputStream j = new JarInputStream(in)) {
            String bsn = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return bsn == null ? null : bsn.split(";")[0].trim();
        }
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(Probe<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " not there within 30 s");
    }
}
