package org.borderedge.camera.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceContext;

/**
 * Polls a snapshot URL (e.g. {@code http://cam/ISAPI/Streaming/channels/101/picture} or the
 * emulator's {@code /snapshot.jpg}) every {@code pollIntervalMs}. After {@code offlineAfterFailures}
 * failed polls in a row the device is OFFLINE naming the last failure; one good frame brings it back.
 */
final class SnapshotCameraHandler extends RecognizingCameraHandler {

    private HttpSource source;
    private long pollIntervalMs;
    private int offlineAfterFailures;
    private int maxFrameBytes;
    private int failures;

    SnapshotCameraHandler(DeviceContext context, Supplier<PlateRecognizer> recognizers) {
        super(context, recognizers);
    }

    @Override
    protected void configure() {
        pollIntervalMs = options.longValue("pollIntervalMs", 200, 10, 3_600_000);
        offlineAfterFailures = options.intValue("offlineAfterFailures", 3, 1, 1000);
        maxFrameBytes = options.intValue("maxFrameBytes", 8 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        source = new HttpSource(context.endpoint(), options.string("user", ""), options.string("password", ""),
                options.intValue("connectTimeoutMs", 2000, 1, 60_000), options.intValue("readTimeoutMs", 3000, 1, 60_000));
    }

    @Override
    protected void start() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void stop() {
    }

    @Override
    protected CompletionStage<CommandResult> capture() {
        CompletableFuture<CommandResult> done = new CompletableFuture<>();
        try {
            scheduler.execute(() -> done.complete(poll() ? CommandResult.ok()
                    : CommandResult.refused("snapshot failed: " + context.deviceId() + " is not delivering frames")));
        } catch (RuntimeException e) {
            done.complete(CommandResult.refused("camera is stopped"));
        }
        return done;
    }

    private boolean poll() {
        if (disposed()) {
            return false;
        }
        try {
            byte[] frame = fetch();
            failures = 0;
            sourceUp();
            offerLatest(frame);
            return true;
        } catch (IOException | RuntimeException e) {
            context.count("snapshot.failures");
            if (++failures >= offlineAfterFailures) {
                sourceDown("snapshot GET " + source.url() + " failed " + failures + " times: " + e.getMessage());
            }
            return false;
        }
    }

    private byte[] fetch() throws IOException {
        HttpURLConnection c = source.open();
        try {
            int code = c.getResponseCode();
            if (code != 200) {
                throw new IOException("HTTP " + code + (code == 401 ? " (check user/password)" : ""));
            }
            byte[] frame;
            try (InputStream in = c.getInputStream()) {
                frame = HttpSource.readBounded(in, maxFrameBytes);
            }
            if (!looksLikeImage(frame)) {
                context.count("frames.notImage");
                throw new IOException("reply is not a JPEG or PNG (" + frame.length + " bytes, Content-Type "
                        + c.getContentType() + ")");
            }
            return frame;
        } catch (IOException e) {
            throw e.getMessage() == null ? new IOException(e.toString(), e) : e;
        } finally {
            c.disconnect();
        }
    }
}
