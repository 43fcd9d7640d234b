package org.borderedge.device.scale.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.borderedge.core.ScaleState;
import org.borderedge.core.Ticker;
import org.borderedge.core.WeighingResult;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceOptions;
import org.borderedge.device.Observation;
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
 * One weighing indicator. Frames become readings through the profile's parser, readings become
 * weighings through the stability rule; only changes are reported (a new stable weight, the start
 * of motion, a new state), motion at most once per {@code motionReportMs}. Bad frames are counted
 * and, when they keep coming, turn the device DEGRADED with the reason.
 */
final class ScaleHandler implements DeviceHandler, LinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleHandler.class);

    private final DeviceContext ctx;
    private final Ticker ticker;
    private WeightFrameParser parser;
    private StabilityRule rule;
    private ByteLink link;
    private int noReplyLimit;
    private int badLimit;
    private long motionReportNanos;
    private long badWindowNanos;

    private final ArrayDeque<Long> badTimes = new ArrayDeque<>();
    private String lastBadKind = "";
    private ScaleState lastReported;
    private BigDecimal lastStableKg;
    private long lastMotionReport;

    ScaleHandler(DeviceContext ctx, Ticker ticker) {
        this.ctx = ctx;
        this.ticker = ticker;
    }

    @Override
    public void initialize() {
        Map<String, Object> opts = ctx.options();
        FrameSpec frames;
        LinkOptions linkOptions;
        Endpoint endpoint;
        try {
            parser = new WeightFrameParser(ctx.profile().section("weight"));
            frames = FrameSpec.fromMap(ctx.profile().section("frame"));
            rule = new StabilityRule((int) DeviceOptions.longOf(opts, "stableReadings", 5),
                    TimeUnit.MILLISECONDS.toNanos(DeviceOptions.longOf(opts, "stableWindowMs", 1000)),
                    DeviceOptions.decimalOf(opts, "toleranceKg", BigDecimal.valueOf(20)));
            noReplyLimit = (int) DeviceOptions.longOf(opts, "noReplyLimit", 3);
            badLimit = (int) DeviceOptions.longOf(opts, "badFrameLimit", 3);
            badWindowNanos = TimeUnit.MILLISECONDS.toNanos(DeviceOptions.longOf(opts, "badFrameWindowMs", 10_000));
            motionReportNanos = TimeUnit.MILLISECONDS.toNanos(DeviceOptions.longOf(opts, "motionReportMs", 1000));
            linkOptions = LinkOptions.defaults().withReconnect(Duration.ofMillis(DeviceOptions.longOf(opts, "reconnectMinMs", 200)),
                    Duration.ofMillis(DeviceOptions.longOf(opts, "reconnectMaxMs", 5000)));
            Map<String, Object> poll = ctx.profile().section("poll");
            if (poll.containsKey("request")) {
                linkOptions = linkOptions.withPolling(
                        DeviceOptions.stringOf(poll, "request", "").getBytes(StandardCharsets.ISO_8859_1),
                        Duration.ofMillis(DeviceOptions.longOf(opts, "pollIntervalMs", DeviceOptions.longOf(poll, "intervalMs", 250))),
                        Duration.ofMillis(DeviceOptions.longOf(opts, "pollTimeoutMs", DeviceOptions.longOf(poll, "timeoutMs", 1000))));
            } else {
                linkOptions = linkOptions.withSilence(Duration.ofMillis(DeviceOptions.longOf(opts, "silenceMs", 3000)));
            }
            endpoint = Endpoint.parse(ctx.endpoint(), ctx.profile().section("transport"));
        } catch (IllegalArgumentException | ClassCastException e) {
            ctx.offline("cannot use profile " + ctx.profile().id() + " with endpoint " + ctx.endpoint() + ": " + e.getMessage());
            return;
        }
        ctx.offline("connecting to " + endpoint);
        link = ByteLinks.open(endpoint, frames, linkOptions, this);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.refused("a scale takes no " + command.getClass().getSimpleName() + " command"));
    }

    @Override
    public void dispose() {
        if (link != null) {
            link.close();
        }
    }

    @Override
    public void onFrame(byte[] frame) {
        WeightFrameParser.Outcome outcome = parser.parse(frame);
        if (outcome.rejection() != null) {
            bad(outcome.rejection().counter(), outcome.rejection().detail());
            return;
        }
        ctx.count("frames");
        ctx.seen();
        healthy();
        if (outcome.skipped()) {
            return;
        }
        WeightFrameParser.Reading r = outcome.reading();
        report(rule.offer(r, ticker.nanos()), r);
    }

    @Override
    public void onDiscard(Discard why, byte[] bytes) {
        String counter = why == Discard.GARBAGE ? "garbage" : why == Discard.TRUNCATED ? "truncated" : "oversize";
        bad(counter, why.name().toLowerCase() + " bytes: "
                + WeightFrameParser.printable(new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    @Override
    public void onConnected(String description) {
        LOG.debug("{}: {} open", ctx.deviceId(), description);
    }

    @Override
    public void onDisconnected(String reason) {
        ctx.count("disconnects");
        lose(reason);
    }

    @Override
    public void onSilence(long silentMillis) {
        lose("no data from the indicator for " + silentMillis + " ms");
    }

    @Override
    public void onNoReply(int consecutive) {
        ctx.count("noReply");
        if (consecutive >= noReplyLimit) {
            lose("no reply to the last " + consecutive + " requests");
        }
    }

    /** The scale cannot be trusted now: whatever it said last no longer holds. */
    private void lose(String reason) {
        rule.reset();
        if (lastReported != null && lastReported != ScaleState.ERROR) {
            lastReported = ScaleState.ERROR;
            ctx.observe(new Observation.WeightObserved(WeighingResult.state(ScaleState.ERROR, ctx.clock().instant())));
        }
        ctx.offline(reason);
    }

    private void report(StabilityRule.Verdict verdict, WeightFrameParser.Reading r) {
        long now = ticker.nanos();
        WeighingResult result = null;
        switch (verdict) {
            case STATE:
                if (lastReported != r.state()) {
                    result = new WeighingResult(r.state(), null, null, r.gross(), ctx.clock().instant());
                }
                break;
            case MOTION:
                if (lastReported != ScaleState.MOTION || now - lastMotionReport >= motionReportNanos) {
                    lastMotionReport = now;
                    result = new WeighingResult(ScaleState.MOTION, r.value(), r.unit(), r.gross(), ctx.clock().instant());
                }
                break;
            case STABLE:
                r = rule.stableReading();
                BigDecimal kg = r.unit().toKilograms(r.value());
                if (lastReported != ScaleState.STABLE || kg.subtract(lastStableKg).abs().compareTo(rule.toleranceKg()) > 0) {
                    lastStableKg = kg;
                    result = new WeighingResult(ScaleState.STABLE, r.value(), r.unit(), r.gross(), ctx.clock().instant());
                }
                break;
            default:
                break;
        }
        if (result != null) {
            lastReported = result.state();
            ctx.observe(new Observation.WeightObserved(result));
        }
    }

    private void bad(String counter, String detail) {
        ctx.count(counter);
        long now = ticker.nanos();
        badTimes.addLast(now);
        while (badTimes.size() > 64 || (!badTimes.isEmpty() && now - badTimes.peekFirst() > badWindowNanos)) {
            badTimes.removeFirst();
        }
        lastBadKind = counter;
        LOG.debug("{}: {}: {}", ctx.deviceId(), counter, detail);
        if (badTimes.size() >= badLimit && link != null && link.connected()) {
            ctx.degraded(badLimit + " or more bad frames in " + TimeUnit.NANOSECONDS.toMillis(badWindowNanos) + " ms, last: " + counter);
        }
    }

    private void healthy() {
        long now = ticker.nanos();
        while (!badTimes.isEmpty() && now - badTimes.peekFirst() > badWindowNanos) {
            badTimes.removeFirst();
        }
        if (badTimes.size() < badLimit) {
            ctx.online();
        }
    }
}
