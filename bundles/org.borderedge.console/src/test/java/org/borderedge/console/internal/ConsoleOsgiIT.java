package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The console bundle in a real Felix with SCR, ConfigAdmin and Felix HTTP Jetty 12: it resolves
 * (password4j embedded), its components activate from the bootstrap configuration, the whiteboard
 * serves the console, the lanes API and /metrics on loopback HTTP, and the LAN HTTPS listener
 * comes up with the keystore generated at first start.
 */
class ConsoleOsgiIT {

    @TempDir
    Path tmp;
    Framework framework;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(20_000);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void consoleRunsInFelixWithHttpsForTheLan() throws Exception {
        int httpPort = freePort();
        int httpsPort = freePort();
        Path data = tmp.resolve("data");
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("org.osgi.service.http.port", Integer.toString(httpPort));
        props.put("org.apache.felix.http.host", "127.0.0.1");
        props.put("borderedge.data.dir", data.toString());
        props.put("borderedge.timezone", "Asia/Ho_Chi_Minh");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        BundleContext ctx = framework.getBundleContext();

        List<Bundle> runtime = new ArrayList<>();
        File[] jars = new File(System.getProperty("it.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        // SPI Fly first, so slf4j finds its provider through the service loader mediator.
        Arrays.sort(jars, java.util.Comparator.comparing((File f) -> !f.getName().contains("spifly")).thenComparing(File::getName));
        for (File jar : jars) {
            runtime.add(ctx.installBundle(jar.toURI().toString()));
        }
        for (Bundle b : runtime) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        Dictionary<String, Object> config = new Hashtable<>();
        config.put("bootstrapAdminUser", "chief");
        config.put("bootstrapAdminPassword", "Chief-pass-2026");
        config.put("httpsPort", httpsPort);
        config.put("httpsHost", "127.0.0.1");
        configure(ctx, "org.borderedge.console", config);

        Bundle console = ctx.installBundle(new File(System.getProperty("console.bundle")).toURI().toString());
        console.start();
        assertEquals(Bundle.ACTIVE, console.getState());
        for (Bundle b : ctx.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            assertEquals(fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState(), b.getSymbolicName());
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + httpPort;
        HttpResponse<String> page = await(http, base + "/console/");
        assertTrue(page.body().contains("BorderEdge"), page.body());
        assertEquals(401, get(http, base + "/api/v1/lanes", null).statusCode());
        HttpResponse<String> metrics = get(http, base + "/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("borderedge_console_audit_entries 1"), metrics.body());

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/console/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"password\":\"Chief-pass-2026\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> lanes = get(http, base + "/api/v1/lanes", cookie);
        assertEquals(200, lanes.statusCode());
        assertTrue(lanes.body().contains("\"lanes\":[]"), lanes.body());

        // A real lane engine lane: listed, and its interlock answers the override (no barrier bound: 409).
        Dictionary<String, Object> lane = new Hashtable<>();
        lane.put("lane.id", "L1");
        lane.put("lane.type", "road-import");
        configureFactory(ctx, "org.borderedge.lane", lane);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!get(http, base + "/api/v1/lanes", cookie).body().contains("\"id\":\"L1\"") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String listed = get(http, base + "/api/v1/lanes", cookie).body();
        assertTrue(listed.contains("\"id\":\"L1\"") && listed.contains("\"type\":\"road-import\""), listed);
        String csrf = login.body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> override = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/lanes/L1/override"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"OPEN\",\"reason\":\"commissioning test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, override.statusCode(), override.body());
        String journal = get(http, base + "/console/api/events?type=MANUAL_OVERRIDE", cookie).body();
        assertTrue(journal.contains("commissioning test"), "the lane journals the override: " + journal);
        String anchors = get(http, base + "/console/api/events?type=AUDIT", cookie).body();
        assertTrue(anchors.contains("OVERRIDE_REFUSED") && anchors.contains("auditHash"), anchors);

        // The live stream works through the whiteboard (async servlet) and is not held back by gzip.
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/console/api/lanes/stream"))
                .header("Cookie", cookie).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (InputStream in = stream.body()) {
            byte[] first = new byte[15];
            int n = 0;
            while (n < first.length) {
                int r = in.read(first, n, first.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            assertEquals("event: snapshot", new String(first, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        }

        // HTTPS with the keystore generated into the data dir, trusted explicitly (no trust-all).
        Path ks = data.resolve("console/tls/console-keystore.p12");
        awaitFile(ks);
        String pass = Files.readString(data.resolve("console/tls/console-keystore.password")).trim();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            trust.load(in, pass.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> securePage = await(https, "https://127.0.0.1:" + httpsPort + "/console/");
        assertTrue(securePage.body().contains("BorderEdge"));
        HttpResponse<String> secureLogin = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/console/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"chief\",\"password\":\"Chief-pass-2026\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secureLogin.statusCode());
        assertTrue(secureLogin.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"),
                "cookies over HTTPS must be Secure");
    }

    private static void configure(BundleContext ctx, String pid, Dictionary<String, Object> props) throws Exception {
        ServiceReference<?> ref = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        // getAll...: the test class path has its own copy of the cm API, so the assignable lookup hides the service.
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            if (refs != null) {
                ref = refs[0];
                break;
            }
            Thread.sleep(100);
        }
        if (ref == null) {
            StringBuilder states = new StringBuilder();
            for (Bundle b : ctx.getBundles()) {
                states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' ');
            }
            throw new AssertionError("no ConfigurationAdmin service; bundles: " + states);
        }
        Object ca = ctx.getService(ref);
        Class<?> caType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> cfgType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
        Object cfg = caType.getMethod("getConfiguration", String.class, String.class).invoke(ca, pid, "?");
        Method update = cfgType.getMethod("update", Dictionary.class);
        update.invoke(cfg, props);
    }

    private static void configureFactory(BundleContext ctx, String factoryPid, Dictionary<String, Object> props) throws Exception {
        ServiceReference<?> ref = ctx.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0];
        Object ca = ctx.getService(ref);
        Class<?> caType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> cfgType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
        Object cfg = caType.getMethod("createFactoryConfiguration", String.class, String.class).invoke(ca, factoryPid, "?");
        cfgType.getMethod("update", Dictionary.class).invoke(cfg, props);
    }

    private static HttpResponse<String> get(HttpClient c, String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> await(HttpClient c, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(c, url, null);
                if (r.statusCode() == 200) {
                    return r;
                }
            } catch (java.io.IOException notYet) {
                last = notYet;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no 200 from " + url, last);
    }

    private static void awaitFile(Path p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(p), "no keystore at " + p);
    }
}
