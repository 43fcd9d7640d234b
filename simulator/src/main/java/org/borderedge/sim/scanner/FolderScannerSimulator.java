package org.borderedge.sim.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scanner side of the folder integration (device-profiles/scanner/PROTOCOL.md): takes request
 * files from {@code requests/}, and after the scan time writes the verdict to {@code results/}.
 * Gateway: profile scanner/generic-folder, endpoint {@link #gatewayEndpoint()}.
 */
public final class FolderScannerSimulator implements AutoCloseable {

    public static final String PROFILE_ID = "scanner/generic-folder";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final ScheduledExecutorService worker;
    private final Map<String, ScannerSimulator.Verdict> verdictByVehicle = new ConcurrentHashMap<>();
    private final List<ScannerSimulator.Request> requests = new CopyOnWriteArrayList<>();
    private volatile ScannerSimulator.Verdict defaultVerdict = ScannerSimulator.Verdict.CLEAR;
    private volatile long scanMillis;

    private FolderScannerSimulator(Path root, long scanMillis) throws IOException {
        this.root = root.toAbsolutePath();
        this.scanMillis = scanMillis;
        Files.createDirectories(this.root.resolve("requests"));
        Files.createDirectories(this.root.resolve("results"));
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim folder scanner");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::takeRequests, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Creates {@code root}/requests and {@code root}/results and starts answering. */
    public static FolderScannerSimulator start(Path root, long scanMillis) throws IOException {
        return new FolderScannerSimulator(root, scanMillis);
    }

    public String gatewayEndpoint() {
        return "folder://" + root;
    }

    public FolderScannerSimulator defaultVerdict(ScannerSimulator.Verdict v) {
        defaultVerdict = v;
        return this;
    }

    public FolderScannerSimulator verdictFor(String vehicleRef, ScannerSimulator.Verdict v) {
        verdictByVehicle.put(vehicleRef, v);
        return this;
    }

    public FolderScannerSimulator scanMillis(long ms) {
        scanMillis = ms;
        return this;
    }

    public List<ScannerSimulator.Request> requests() {
        return List.copyOf(requests);
    }

    /** Writes a raw result file as a faulty scanner might (for tests of the gateway's refusal). */
    public void writeResult(String requestId, String content) throws IOException {
        Path tmp = root.resolve("results/." + requestId + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, root.resolve("results/" + requestId + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }

    private void takeRequests() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("requests"), "*.json")) {
            for (Path f : files) {
                if (f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                JsonNode msg = JSON.readTree(Files.readAllBytes(f));
                Files.delete(f);
                ScannerSimulator.Request r = new ScannerSimulator.Request(msg.path("requestId").asText(),
                        msg.path("laneId").asText(), msg.path("vehicleRef").asText());
                requests.add(r);
                ScannerSimulator.Verdict v = verdictByVehicle.getOrDefault(r.vehicleRef(), defaultVerdict);
                worker.schedule(() -> answer(r, v), scanMillis, TimeUnit.MILLISECONDS);
            }
        } catch (IOException | RuntimeException e) {
            // the folder may be gone for a moment (a test removing it); the next round tries again
        }
    }

    private void answer(ScannerSimulator.Request r, ScannerSimulator.Verdict v) {
        ObjectNode result = JSON.createObjectNode().put("requestId", r.requestId()).put("verdict", v.name())
                .put("imageRef", "scan/" + LocalDate.now() + "/" + r.requestId() + ".png")
                .put("detail", v == ScannerSimulator.Verdict.SUSPECT ? "density anomaly in the rear third" : "");
        try {
            writeResult(r.requestId(), result.toString());
        } catch (IOException e) {
            // the gateway will time the request out as ERROR, which is what a real lost verdict does
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
