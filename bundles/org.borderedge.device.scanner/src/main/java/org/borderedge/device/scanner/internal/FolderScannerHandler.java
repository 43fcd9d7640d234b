package org.borderedge.device.scanner.internal;

import static org.borderedge.device.DeviceOptions.longOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.ScanVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scanner that exchanges files in a shared folder (endpoint {@code folder:///srv/scanner/lane1};
 * protocol in device-profiles/scanner/PROTOCOL.md): requests go to {@code requests/<id>.json}, written
 * under a temporary name and renamed so the scanner never reads half a file; verdicts are picked up
 * from {@code results/<id>.json} and moved to {@code results/processed/} (or {@code results/rejected/}
 * when unreadable), so every verdict file stays as evidence.
 */
final class FolderScannerHandler implements DeviceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FolderScannerHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceContext ctx;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService worker;
    private Path requests;
    private Path results;
    private long scanTimeoutMs;
    private volatile String problem = "not checked yet";

    FolderScannerHandler(DeviceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void initialize() {
        long pollMs;
        try {
            URI uri = URI.create(ctx.endpoint().strip());
            if (!"folder".equalsIgnoreCase(uri.getScheme()) || uri.getPath() == null || uri.getPath().isEmpty()) {
                throw new IllegalArgumentException("endpoint '" + ctx.endpoint() + "' is not folder:///path");
            }
            Path root = Path.of(uri.getPath());
            requests = root.resolve("requests");
            results = root.resolve("results");
            pollMs = longOf(ctx.options(), "pollMs", 500);
            scanTimeoutMs = longOf(ctx.options(), "scanTimeoutMs", 120_000);
        } catch (IllegalArgumentException e) {
            ctx.offline("cannot use profile " + ctx.profile().id() + " with endpoint " + ctx.endpoint() + ": " + e.getMessage());
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scanner folder " + ctx.deviceId());
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::poll, 0, pollMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        if (!(command instanceof DeviceCommand.ScanRequest scan)) {
            return CompletableFuture.completedFuture(CommandResult.refused("a scanner takes only ScanRequest, not "
                    + command.getClass().getSimpleName()));
        }
        if (!problem.isEmpty() || requests == null) {
            return CompletableFuture.completedFuture(CommandResult.refused("scanner " + ctx.deviceId() + " is offline: " + problem));
        }
        if (scan.requestId() == null || !scan.requestId().matches("[A-Za-z0-9_.-]{1,80}")) {
            return CompletableFuture.completedFuture(CommandResult.refused("request id '" + scan.requestId()
                    + "' cannot name a file (letters, digits, _ . - only)"));
        }
        if (pending.containsKey(scan.requestId())) {
            return CompletableFuture.completedFuture(CommandResult.refused("scan " + scan.requestId() + " is already under way"));
        }
        ObjectNode msg = JSON.createObjectNode().put("type", "scan-request").put("v", 1).put("requestId", scan.requestId())
                .put("laneId", scan.laneId() == null ? ctx.laneId() : scan.laneId()).put("vehicleRef", scan.vehicleRef())
                .put("time", ctx.clock().instant().toString());
        Path tmp = requests.resolve("." + scan.requestId() + ".tmp");
        try {
            Files.writeString(tmp, msg.toString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, requests.resolve(scan.requestId() + ".json"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(CommandResult.refused("cannot write the scan request to " + requests + ": " + e));
        }
        ctx.count("scanRequests");
        pending.put(scan.requestId(), worker.schedule(() -> {
            if (pending.remove(scan.requestId()) != null) {
                emit(scan.requestId(), ScanVerdict.ERROR, "", "no verdict within " + scanTimeoutMs + " ms");
            }
        }, scanTimeoutMs, TimeUnit.MILLISECONDS));
        return CompletableFuture.completedFuture(CommandResult.ok());
    }

    @Override
    public void dispose() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    private void poll() {
        String p = check();
        if (!p.equals(problem)) {
            problem = p;
            if (p.isEmpty()) {
                ctx.online();
            } else {
                ctx.offline(p);
            }
        }
        if (!p.isEmpty()) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(results, "*.json")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(".")) {
                    take(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot read {}: {}", ctx.deviceId(), results, e.toString());
        }
    }

    private String check() {
        for (Path d : new Path[] {requests, results}) {
            if (!Files.isDirectory(d)) {
                return "scanner folder " + d + " is missing";
            }
            if (!Files.isWritable(d)) {
                return "scanner folder " + d + " is not writable";
            }
        }
        return "";
    }

    private void take(Path file) throws IOException {
        JsonNode msg;
        try {
            msg = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            msg = null;
        }
        String name = file.getFileName().toString();
        String requestId = name.substring(0, name.length() - ".json".length());
        if (msg == null || !msg.isObject()) {
            ctx.count("unparsed");
            move(file, "rejected");
            if (pending.containsKey(requestId)) {
                finish(requestId, ScanVerdict.ERROR, "", "unreadable result file " + name);
            }
            return;
        }
        String verdictText = msg.path("verdict").asText();
        ScanVerdict verdict;
        String detail = msg.path("detail").asText("");
        try {
            verdict = ScanVerdict.valueOf(verdictText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // an unreadable verdict must not clear a truck
            verdict = ScanVerdict.ERROR;
            detail = "unknown verdict '" + verdictText + "'";
            ctx.count("unparsed");
        }
        String id = msg.path("requestId").asText(requestId);
        // the file is filed as evidence before anyone acts on the verdict
        move(file, "processed");
        if (!finish(id, verdict, msg.path("imageRef").asText(""), detail)) {
            ctx.count("unexpected");
        }
    }

    private boolean finish(String requestId, ScanVerdict verdict, String imageRef, String detail) {
        ScheduledFuture<?> timeout = pending.remove(requestId);
        if (timeout == null) {
            return false;
        }
        timeout.cancel(false);
        emit(requestId, verdict, imageRef, detail);
        return true;
    }

    private void emit(String requestId, ScanVerdict verdict, String imageRef, String detail) {
        ctx.count("scans" + verdict.name().charAt(0) + verdict.name().substring(1).toLowerCase(Locale.ROOT));
        ctx.observe(new Observation.ScanCompleted(requestId, verdict, imageRef, detail, ctx.clock().instant()));
    }

    private void move(Path file, String folder) throws IOException {
        Path dir = results.resolve(folder);
        Files.createDirectories(dir);
        Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
