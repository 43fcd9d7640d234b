package org.borderedge.device.reader.internal;

import static org.borderedge.device.DeviceOptions.longOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.borderedge.core.Ticker;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
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
 * A reader that speaks only when something is presented: ONLINE while its port or socket is open,
 * OFFLINE with the reason otherwise. Each frame is one text read; the same text again within the
 * repeat window (readers repeat a code held in front of them) is counted, not reported twice.
 */
abstract class LinkedReaderHandler implements DeviceHandler, LinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedReaderHandler.class);

    protected final DeviceContext ctx;
    private final Ticker ticker;
    private ByteLink link;
    private long repeatWindowNanos;
    private String lastText;
    private long lastTextAt;

    LinkedReaderHandler(DeviceContext ctx, Ticker ticker) {
        this.ctx = ctx;
        this.ticker = ticker;
    }

    /** Reads the kind's own profile section; throws IllegalArgumentException naming a bad field. */
    abstract void configure(DeviceContext ctx);

    /** Turns one frame's text into an observation. */
    abstract Observation read(String text) throws Rejected;

    @Override
    public void initialize() {
        Map<String, Object> opts = ctx.options();
        FrameSpec frames;
        Endpoint endpoint;
        LinkOptions linkOptions;
        try {
            configure(ctx);
            Map<String, Object> frame = ctx.profile().section("frame");
            frames = frame.isEmpty() ? FrameSpec.lines("\n", 1024) : FrameSpec.fromMap(frame);
            endpoint = Endpoint.parse(ctx.endpoint(), ctx.profile().section("transport"));
            repeatWindowNanos = TimeUnit.MILLISECONDS.toNanos(longOf(opts, "repeatWindowMs", 2000));
            linkOptions = LinkOptions.defaults().withReconnect(Duration.ofMillis(longOf(opts, "reconnectMinMs", 200)),
                    Duration.ofMillis(longOf(opts, "reconnectMaxMs", 5000)));
        } catch (IllegalArgumentException | ClassCastException e) {
            ctx.offline("cannot use profile " + ctx.profile().id() + " with endpoint " + ctx.endpoint() + ": " + e.getMessage());
            return;
        }
        ctx.offline("connecting to " + endpoint);
        link = ByteLinks.open(endpoint, frames, linkOptions, this);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.refused("a " + ctx.kind() + " takes no "
                + command.getClass().getSimpleName() + " command"));
    }

    @Override
    public void dispose() {
        if (link != null) {
            link.close();
        }
    }

    @Override
    public void onFrame(byte[] frame) {
        String text = strip(new String(frame, StandardCharsets.UTF_8));
        if (text.isEmpty()) {
            return;
        }
        long now = ticker.nanos();
        if (text.equals(lastText) && now - lastTextAt < repeatWindowNanos) {
            lastTextAt = now;
            ctx.count("repeats");
            return;
        }
        try {
            Observation o = read(text);
            lastText = text;
            lastTextAt = now;
            ctx.count("reads");
            ctx.observe(o);
        } catch (Rejected r) {
            ctx.count(r.counter);
            LOG.info("{}: {} refused: {}", ctx.deviceId(), r.counter, r.getMessage());
        }
    }

    @Override
    public void onDiscard(Discard why, byte[] bytes) {
        ctx.count(why == Discard.GARBAGE ? "garbage" : why == Discard.TRUNCATED ? "truncated" : "oversize");
    }

    @Override
    public void onConnected(String description) {
        ctx.online();
    }

    @Override
    public void onDisconnected(String reason) {
        ctx.count("disconnects");
        ctx.offline(reason);
    }

    /** Readers end lines with CR, LF or both depending on setup; the ends are no part of the code. */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end);
    }
}
