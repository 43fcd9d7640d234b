package org.borderedge.device.scanner.internal;

import static org.borderedge.device.DeviceOptions.longOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.borderedge.transport.serial.ByteLink;
import org.borderedge.transport.serial.ByteLinks;
import org.borderedge.transport.serial.Discard;
import org.borderedge.transport.serial.Endpoint;
import org.borderedge.transport.serial.FrameSpec;
import org.borderedge.transport.serial.LinkListener;
import org.borderedge.transport.serial.LinkOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container / baggage scanner behind its control socket (protocol: device-profiles/scanner/PROTOCOL.md).
 * A scan request is accepted when the scanner acknowledges it; the verdict arrives later as
 * ScanCompleted. A request that gets no verdict in time ends as ERROR, so a lane never waits forever.
 */
final class ScannerHandler implements DeviceHandler, LinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(ScannerHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceContext ctx;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService timers;
    private ByteLink link;
    private long ackTimeoutMs;
    private long scanTimeoutMs;
    private int noReplyLimit;
    private volatile String downReason = "not connected yet";
    private volatile String notReady = "";
    private volatile String heartbeatLost = "";

    private static final class Pending {
        final CompletableFuture<CommandResult> accepted = new CompletableFuture<>();
        volatile ScheduledFuture<?> verdictTimeout;
    }

    ScannerHandler(DeviceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void initialize() {
        Map<String, Object> opts = ctx.options();
        Endpoint endpoint;
        FrameSpec frames;
        LinkOptions linkOptions;
        try {
            Map<String, Object> frame = ctx.profile().section("frame");
            frames = frame.isEmpty() ? FrameSpec.lines("\n", 8192) : FrameSpec.fromMap(frame);
            endpoint = Endpoint.parse(ctx.endpoint(), ctx.profile().section("transport"));
            ackTimeoutMs = longOf(opts, "ackTimeoutMs", 3000);
            scanTimeoutMs = longOf(opts, "scanTimeoutMs", 120_000);
            noReplyLimit = (int) longOf(opts, "noReplyLimit", 3);
            long heartbeat = longOf(opts, "heartbeatMs", 5000);
            linkOptions = LinkOptions.defaults()
                    .withReconnect(Duration.ofMillis(longOf(opts, "reconnectMinMs", 200)), Duration.ofMillis(longOf(opts, "reconnectMaxMs", 5000)))
                    .withPolling("{\"type\":\"ping\",\"v\":1}\n".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(heartbeat),
                            Duration.ofMillis(Math.max(heartbeat / 2, 500)));
        } catch (IllegalArgumentException e) {
            ctx.offline("cannot use profile " + ctx.profile().id() + " with endpoint " + ctx.endpoint() + ": " + e.getMessage());
            return;
        }
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scanner " + ctx.deviceId() + " timers");
            t.setDaemon(true);
            return t;
        });
        ctx.offline("connecting to " + endpoint);
        link = ByteLinks.open(endpoint, frames, linkOptions, this);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        if (!(command instanceof DeviceCommand.ScanRequest scan)) {
            return CompletableFuture.completedFuture(CommandResult.refused("a scanner takes only ScanRequest, not "
                    + command.getClass().getSimpleName()));
        }
        if (link == null || !link.connected()) {
            return CompletableFuture.completedFuture(CommandResult.refused("scanner " + ctx.deviceId() + " is offline: " + downReason));
        }
        String lost = heartbeatLost;
        if (!lost.isEmpty()) {
            return CompletableFuture.completedFuture(CommandResult.refused("scanner " + ctx.deviceId() + " is offline: " + lost));
        }
        if (scan.requestId() == null || scan.requestId().isBlank()) {
            return CompletableFuture.completedFuture(CommandResult.refused("a scan request needs a request id"));
        }
        Pending p = new Pending();
        if (pending.putIfAbsent(scan.requestId(), p) != null) {
            return CompletableFuture.completedFuture(CommandResult.refused("scan " + scan.requestId() + " is already under way"));
        }
        ObjectNode msg = JSON.createObjectNode().put("type", "scan-request").put("v", 1).put("requestId", scan.requestId())
                .put("laneId", scan.laneId() == null ? ctx.laneId() : scan.laneId()).put("vehicleRef", scan.vehicleRef());
        if (!link.send((msg.toString() + "\n").getBytes(StandardCharsets.UTF_8))) {
            pending.remove(scan.requestId());
            return CompletableFuture.completedFuture(CommandResult.refused("could not send the scan request: " + downReason));
        }
        ctx.count("scanRequests");
        timers.schedule(() -> {
            if (p.accepted.complete(CommandResult.refused("scanner did not acknowledge within " + ackTimeoutMs + " ms"))) {
                pending.remove(scan.requestId(), p);
                ctx.count("ackTimeouts");
            }
        }, ackTimeoutMs, TimeUnit.MILLISECONDS);
        p.verdictTimeout = timers.schedule(() -> finish(scan.requestId(), ScanVerdict.ERROR, "",
                "no verdict within " + scanTimeoutMs + " ms"), scanTimeoutMs, TimeUnit.MILLISECONDS);
        return p.accepted;
    }

    @Override
    public void dispose() {
        if (link != null) {
            link.close();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        pending.values().forEach(p -> p.accepted.complete(CommandResult.refused("scanner driver stopped")));
    }

    @Override
    public void onFrame(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (Exception e) {
            ctx.count("unparsed");
            LOG.info("{}: not a JSON message: {}", ctx.deviceId(), text.length() > 120 ? text.substring(0, 120) + "..." : text);
            return;
        }
        if (msg == null || !msg.isObject()) {
            ctx.count("unparsed");
            return;
        }
        ctx.seen();
        heartbeatLost = "";
        String type = msg.path("type").asText();
        if (type.equals("status")) {
            notReady = msg.path("ready").asBoolean(true) ? "" : msg.path("detail").asText("no detail");
        }
        if (notReady.isEmpty()) {
            ctx.online();
        } else {
            ctx.degraded("scanner not ready: " + notReady);
        }
        String requestId = msg.path("requestId").asText();
        switch (type) {
            case "pong":
            case "status":
                break;
            case "ack": {
                Pending p = pending.get(requestId);
                if (p != null) {
                    p.accepted.complete(CommandResult.ok());
                } else {
                    ctx.count("unexpected");
                }
                break;
            }
            case "busy":
            case "refused": {
                Pending p = pending.remove(requestId);
                if (p != null) {
                    cancel(p);
                    p.accepted.complete(CommandResult.refused("scanner refused the scan: " + msg.path("detail").asText(type)));
                } else {
                    ctx.count("unexpected");
                }
                break;
            }
            case "scan-result": {
                ScanVerdict verdict;
                try {
                    verdict = ScanVerdict.valueOf(msg.path("verdict").asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    // an unreadable verdict must not clear a truck: it becomes ERROR with the reason
                    verdict = ScanVerdict.ERROR;
                    ctx.count("unparsed");
                }
                String detail = verdict == ScanVerdict.ERROR && !msg.path("verdict").asText().equalsIgnoreCase("ERROR")
                        ? "unknown verdict '" + msg.path("verdict").asText() + "'" : msg.path("detail").asText("");
                if (!finish(requestId, verdict, msg.path("imageRef").asText(""), detail)) {
                    ctx.count("unexpected");
                }
                break;
            }
            default:
                ctx.count("unparsed");
        }
    }

    private boolean finish(String requestId, ScanVerdict verdict, String imageRef, String detail) {
        Pending p = pending.remove(requestId);
        if (p == null) {
            return false;
        }
        cancel(p);
        p.accepted.complete(CommandResult.ok());
        ctx.count("scans" + verdict.name().charAt(0) + verdict.name().substring(1).toLowerCase(Locale.ROOT));
        ctx.observe(new Observation.ScanCompleted(requestId, verdict, imageRef, detail, ctx.clock().instant()));
        return true;
    }

    private static void cancel(Pending p) {
        ScheduledFuture<?> f = p.verdictTimeout;
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void onDiscard(Discard why, byte[] bytes) {
        ctx.count(why == Discard.GARBAGE ? "garbage" : why == Discard.TRUNCATED ? "truncated" : "oversize");
    }

    @Override
    public void onConnected(String description) {
        notReady = "";
        heartbeatLost = "";
        ctx.online();
    }

    @Override
    public void onDisconnected(String reason) {
        downReason = reason;
        ctx.count("disconnects");
        ctx.offline(reason);
    }

    @Override
    public void onNoReply(int consecutive) {
        ctx.count("noReply");
        if (consecutive >= noReplyLimit) {
            heartbeatLost = "no answer to the last " + consecutive + " heartbeats";
            ctx.offline(heartbeatLost);
        }
    }
}
