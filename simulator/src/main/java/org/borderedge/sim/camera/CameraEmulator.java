package org.borderedge.sim.camera;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An IP camera for commissioning and tests. It serves the current scene as an HTTP snapshot
 * ({@code GET /snapshot.jpg}) and as MJPEG ({@code GET /mjpeg}, multipart/x-mixed-replace at
 * {@link #framesPerSecond}), and pushes ISAPI-style ANPR events to a receiver as a smart camera
 * would. Optional Basic credentials protect the GETs, as on a real camera.
 *
 * <pre>
 * try (CameraEmulator cam = CameraEmulator.start(0)) {     // a free port on 127.0.0.1
 *     cam.showPlate("51F-678.90");                         // the truck now in view
 *     URI snapshot = cam.snapshotUri();
 *     int status = cam.pushAnpr(receiverUri, "51F-678.90", "admin", "secret");
 * }
 * </pre>
 */
public final class CameraEmulator implements AutoCloseable {

    public static final String SNAPSHOT_PATH = "/snapshot.jpg";
    public static final String MJPEG_PATH = "/mjpeg";
    private static final String MJPEG_BOUNDARY = "borderedgeframe";

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile SceneSource scenes = new SimplePlateScenes();
    private volatile String plate;
    private volatile long seed;
    private volatile byte[] frame;
    private volatile int framesPerSecond = 5;
    private volatile int channel = 1;
    private volatile String requiredAuthorization;
    private volatile boolean closed;
    private final AtomicLong snapshotsServed = new AtomicLong();
    private final AtomicLong framesStreamed = new AtomicLong();

    private CameraEmulator(InetSocketAddress address) throws IOException {
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "camera-emulator");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(address, 16);
        server.setExecutor(threads);
        server.createContext(SNAPSHOT_PATH, this::snapshot);
        server.createContext(MJPEG_PATH, this::mjpeg);
        frame = scenes.render(null, 0);
        server.start();
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public static CameraEmulator start(int port) throws IOException {
        return start(InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    public static CameraEmulator start(String bindAddress, int port) throws IOException {
        return new CameraEmulator(new InetSocketAddress(bindAddress, port));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI snapshotUri() {
        return URI.create("http://" + hostForUri() + ":" + port() + SNAPSHOT_PATH);
    }

    public URI mjpegUri() {
        return URI.create("http://" + hostForUri() + ":" + port() + MJPEG_PATH);
    }

    private String hostForUri() {
        String host = server.getAddress().getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Draw scenes with another source (e.g. the seeded plate-scene generator). */
    public CameraEmulator useScenes(SceneSource source) {
        this.scenes = Objects.requireNonNull(source);
        render();
        return this;
    }

    /** Require these credentials (HTTP Basic) on snapshot and MJPEG requests; null user = open. */
    public CameraEmulator requireCredentials(String user, String password) {
        requiredAuthorization = user == null ? null : IsapiPush.basicAuthorization(user, password);
        return this;
    }

    public CameraEmulator framesPerSecond(int fps) {
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60, got " + fps);
        }
        framesPerSecond = fps;
        return this;
    }

    /** The camera channel its pushes name (channelID); 1 unless set. */
    public CameraEmulator channel(int channelId) {
        channel = channelId;
        return this;
    }

    /** The vehicle now in view; its plate in display form (e.g. {@code 51F-678.90}). */
    public CameraEmulator showPlate(String plateText) {
        return showPlate(plateText, seed);
    }

    public CameraEmulator showPlate(String plateText, long sceneSeed) {
        plate = Objects.requireNonNull(plateText);
        seed = sceneSeed;
        render();
        return this;
    }

    /** A seeded random Vietnamese plate in view; returns its display form. */
    public String showRandomPlate(long sceneSeed) {
        String p = SimplePlateScenes.randomPlate(sceneSeed);
        showPlate(p, sceneSeed);
        return p;
    }

    /** The lane is empty. */
    public CameraEmulator showNoVehicle() {
        plate = null;
        render();
        return this;
    }

    public String currentPlate() {
        return plate;
    }

    /** The JPEG now being served. */
    public byte[] currentFrame() {
        return frame;
    }

    private void render() {
        frame = scenes.render(plate, seed);
    }

    public long snapshotsServed() {
        return snapshotsServed.get();
    }

    public long framesStreamed() {
        return framesStreamed.get();
    }

    /**
     * Pushes an ANPR event for {@code plate} to {@code receiver} with Basic credentials, pictures
     * drawn from the current scene source. Returns the HTTP status the receiver answered.
     */
    public int pushAnpr(URI receiver, String plateText, String user, String password) throws IOException, InterruptedException {
        byte[] scene = scenes.render(plateText, seed);
        IsapiPush push = IsapiPush.anpr(plateText).withChannel(channel)
                .withCameraAddress(server.getAddress().getAddress().getHostAddress())
                .withPicture("licensePlatePicture.jpg", scene)
                .withPicture("detectionPicture.jpg", scene);
        return push(receiver, push, user == null ? null : IsapiPush.basicAuthorization(user, password)).statusCode();
    }

    /**
     * As {@link #pushAnpr}, authenticating with HTTP Digest: the first POST is answered with a
     * challenge, the JDK's HttpURLConnection answers it and resends, as a camera does.
     */
    public int pushAnprDigest(URI receiver, String plateText, String user, String password) throws IOException {
        byte[] scene = scenes.render(plateText, seed);
        IsapiPush push = IsapiPush.anpr(plateText).withChannel(channel)
                .withCameraAddress(server.getAddress().getAddress().getHostAddress())
                .withPicture("licensePlatePicture.jpg", scene)
                .withPicture("detectionPicture.jpg", scene);
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) receiver.toURL().openConnection();
        c.setAuthenticator(new java.net.Authenticator() {
            @Override
            protected java.net.PasswordAuthentication getPasswordAuthentication() {
                return new java.net.PasswordAuthentication(user, password.toCharArray());
            }
        });
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", push.contentType());
        try (OutputStream out = c.getOutputStream()) {
            out.write(push.body());
        }
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** Sends any push, well-formed or not, with the given Authorization header (null for none). */
    public HttpResponse<String> push(URI receiver, IsapiPush push, String authorization) throws IOException, InterruptedException {
        return post(receiver, push.body(), push.contentType(), authorization);
    }

    /** POSTs raw bytes: for receivers' tests with bodies no camera would send. */
    public HttpResponse<String> post(URI receiver, byte[] body, String contentType, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String required = requiredAuthorization;
        if (required == null || required.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"camera\"");
        ex.sendResponseHeaders(401, -1);
        ex.close();
        return false;
    }

    private void snapshot(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                return;
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] jpeg = frame;
            ex.getResponseHeaders().add("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, jpeg.length);
            ex.getResponseBody().write(jpeg);
            snapshotsServed.incrementAndGet();
        }
    }

    private void mjpeg(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=" + MJPEG_BOUNDARY);
            ex.getResponseHeaders().add("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            while (!closed) {
                byte[] jpeg = frame;
                out.write(("--" + MJPEG_BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                framesStreamed.incrementAndGet();
                Thread.sleep(1000L / framesPerSecond);
            }
        } catch (IOException e) {
            // The viewer went away: that ends this stream only.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
