package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.borderedge.sim.camera.CameraEmulator;
import org.borderedge.sim.camera.IsapiPush;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The camera bundle in a real OSGi runtime: Felix with SCR, ConfigAdmin and Felix HTTP Jetty 12,
 * the real core/device/anpr bundles. Devices are created as the site file will create them
 * (factory configurations of {@code org.borderedge.device}); the push receiver is the servlet on
 * the HTTP whiteboard with its multipart annotation. The test talks to bundle classes by
 * reflection only: they live in the framework's class loaders, not in the test's.
 */
class CameraBundleIT {

    private static final String USER = "gate-cam";
    private static final String PASSWORD = "s3cret-lane1";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path temp;

    private static Framework framework;
    private static BundleContext context;
    private static int httpPort;
    private static CameraEmulator camera;

    @BeforeAll
    static void startFelix() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            httpPort = s.getLocalPort();
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, temp.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("org.osgi.service.http.port", Integer.toString(httpPort));
        config.put("org.apache.felix.http.host", "127.0.0.1");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        context = framework.getBundleContext();
        List<File> jars = new ArrayList<>(Arrays.asList(new File(System.getProperty("felix.bundles")).listFiles()));
        jars.add(new File(System.getProperty("camera.bundle")));
        List<Bundle> installed = new ArrayList<>();
        for (File jar : jars) {
            installed.add(context.installBundle(jar.toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        camera = CameraEmulator.start(0);
    }

    @AfterAll
    static void stopFelix() throws Exception {
        if (camera != null) {
            camera.close();
        }
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void everyBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is not active");
        }
    }

    @Test
    void pushCameraConfiguredLikeTheSiteFileReportsGenuinePushesOnlyOverFelixHttp() throws Exception {
        Object device = createDevice("lane1-anpr", "camera/hikvision-isapi-push", "isapi-push://127.0.0.1",
                "{\"user\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}");
        Recorder seen = listen(device);
        assertTrue(awaitState(device, "ONLINE"), "status " + call(device, "status"));

        URI receiver = URI.create("http://127.0.0.1:" + httpPort + "/isapi/anpr");
        assertEquals(200, pushUntilServed(receiver, "51F-999.99", USER, "forged"), "refused, yet 200");
        assertEquals(200, camera.pushAnpr(receiver, "15C-123.45", USER, PASSWORD));

        String observed = seen.observations.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(observed, "no observation; counters " + call(device, "counters"));
        assertTrue(observed.startsWith("PlateObserved[plate=15C12345"), observed);
        assertNull(seen.observations.poll(300, TimeUnit.MILLISECONDS), "the forged read never arrives");
        @SuppressWarnings("unchecked")
        Map<String, Long> counters = (Map<String, Long>) call(device, "counters");
        assertEquals(1L, counters.get("push.refused"), counters.toString());
        assertEquals(1L, counters.get("plates"), counters.toString());
    }

    @Test
    void snapshotCameraIsDegradedWithoutRecognizerAndReadsPlatesOnceOneIsRegistered() throws Exception {
        // The real recogniser (anpr bundle) is stopped for this test: its API stays resolved, its service goes.
        Bundle anpr = bundle("org.borderedge.anpr");
        anpr.stop();
        try {
            camera.showRandomPlate(42);
            Object device = createDevice("lane1-cam", "camera/generic-http-snapshot", camera.snapshotUri().toString(),
                    "{\"pollIntervalMs\":50}");
            Recorder seen = listen(device);
            assertTrue(awaitState(device, "DEGRADED"), "status " + call(device, "status"));
            assertTrue(call(device, "status").toString().contains("no recognizer installed"));

            registerGroundTruthRecognizer();
            String observed = seen.observations.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(observed, "no observation; status " + call(device, "status") + " counters " + call(device, "counters"));
            assertTrue(observed.startsWith("PlateObserved[plate=12D11248"), observed);
            assertTrue(awaitState(device, "ONLINE"), "status " + call(device, "status"));
        } finally {
            anpr.start();
        }
    }

    /** Felix HTTP may still be registering the servlet when the test starts: retry until the receiver answers. */
    private static int pushUntilServed(URI receiver, String plate, String user, String password) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            try {
                status = camera.push(receiver, IsapiPush.anpr(plate), IsapiPush.basicAuthorization(user, password)).statusCode();
            } catch (java.io.IOException e) {
                status = -1;
            }
            if (status == 200) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return status;
    }

    private static Object createDevice(String id, String profile, String endpoint, String options) throws Exception {
        ServiceReference<?> cmRef = await("org.osgi.service.cm.ConfigurationAdmin", null);
        Object cm = context.getService(cmRef);
        Class<?> cmType = cmRef.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = cmType.getMethod("createFactoryConfiguration", String.class, String.class)
                .invoke(cm, "org.borderedge.device", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("device.id", id);
        props.put("device.kind", "camera");
        props.put("lane.id", "lane-1");
        props.put("profile", profile);
        props.put("endpoint", endpoint);
        props.put("options", options);
        cmRef.getBundle().loadClass("org.osgi.service.cm.Configuration").getMethod("update", Dictionary.class)
                .invoke(configuration, props);
        return context.getService(await("org.borderedge.device.Device", "(device.id=" + id + ")"));
    }

    private static ServiceReference<?> await(String type, String filter) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            ServiceReference<?>[] refs = context.getAllServiceReferences(type, filter);
            if (refs != null) {
                return refs[0];
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no service " + type + " " + filter);
    }

    private static Object call(Object target, String method) throws Exception {
        return deviceType().getMethod(method).invoke(target);
    }

    private static Class<?> deviceType() throws Exception {
        return bundle("org.borderedge.device").loadClass("org.borderedge.device.Device");
    }

    private static Bundle bundle(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    private static boolean awaitState(Object device, String state) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Object status = call(device, "status");
            if (status.getClass().getMethod("state").invoke(status).toString().equals(state)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Observations as their record text, e.g. {@code PlateObserved[plate=15C12345, ...]}. */
    private static final class Recorder implements InvocationHandler {
        final BlockingQueue<String> observations = new LinkedBlockingQueue<>();

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "onObservation":
                    observations.add(args[1].toString());
                    return null;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "test listener";
                default:
                    return null;
            }
        }
    }

    private static Recorder listen(Object device) throws Exception {
        Class<?> listenerType = bundle("org.borderedge.device").loadClass("org.borderedge.device.DeviceListener");
        Recorder recorder = new Recorder();
        Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, recorder);
        deviceType().getMethod("addListener", listenerType).invoke(device, listener);
        return recorder;
    }

    /**
     * Registers a PlateRecognizer service built from the anpr bundle's own classes that "reads"
     * the emulator's ground-truth comment, as {@link GroundTruthRecognizer} does outside OSGi.
     */
    private static void registerGroundTruthRecognizer() throws Exception {
        Bundle anpr = bundle("org.borderedge.anpr");
        Bundle core = bundle("org.borderedge.core");
        Class<?> recognizerType = anpr.loadClass("org.borderedge.anpr.PlateRecognizer");
        Class<?> recognition = anpr.loadClass("org.borderedge.anpr.Recognition");
        Class<?> reading = anpr.loadClass("org.borderedge.anpr.Recognition$PlateReading");
        Class<?> box = anpr.loadClass("org.borderedge.anpr.Recognition$Box");
        Class<?> plate = core.loadClass("org.borderedge.core.Plate");
        Method plateOf = plate.getMethod("of", String.class);
        Object emptyBox = box.getConstructor(int.class, int.class, int.class, int.class).newInstance(0, 0, 1, 1);
        InvocationHandler handler = (proxy, method, args) -> {
            if (!method.getName().equals("recognize")) {
                return method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "ground-truth recognizer";
            }
            String truth = org.borderedge.sim.camera.SimplePlateScenes.groundTruthPlate((byte[]) args[0]);
            List<Object> plates = new ArrayList<>();
            if (truth != null && !truth.isEmpty()) {
                plates.add(reading.getConstructor(plate, double.class, box, byte[].class)
                        .newInstance(plateOf.invoke(null, truth), 0.8, emptyBox, new byte[0]));
            }
            return recognition.getConstructor(List.class, List.class, long.class, String.class)
                    .newInstance(plates, List.of(), 1L, "");
        };
        Object service = Proxy.newProxyInstance(recognizerType.getClassLoader(), new Class<?>[] {recognizerType}, handler);
        // Through the camera bundle, which imports the API: the anpr bundle itself may be stopped.
        bundle("org.borderedge.camera").getBundleContext().registerService(recognizerType.getName(), service, null);
    }
}
