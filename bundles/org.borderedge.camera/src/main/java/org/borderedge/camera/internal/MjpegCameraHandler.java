package org.borderedge.camera.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.function.Supplier;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.device.DeviceContext;

/**
 * Reads an MJPEG stream (multipart/x-mixed-replace) on its own thread and hands each frame to the
 * recognition slot; frames arriving faster than recognition are skipped, never queued. A dropped
 * stream makes the device OFFLINE and is reopened after {@code reconnectDelayMs}.
 */
final class MjpegCameraHandler extends RecognizingCameraHandler {

    private HttpSource source;
    private int maxFrameBytes;
    private long reconnectDelayMs;
    private Thread reader;
    private volatile HttpURLConnection connection;

    MjpegCameraHandler(DeviceContext context, Supplier<PlateRecognizer> recognizers) {
        super(context, recognizers);
    }

    @Override
    protected void configure() {
        maxFrameBytes = options.intValue("maxFrameBytes", 8 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        reconnectDelayMs = options.longValue("reconnectDelayMs", 2000, 10, 600_000);
        source = new HttpSource(context.endpoint(), options.string("user", ""), options.string("password", ""),
                options.intValue("connectTimeoutMs", 2000, 1, 60_000), options.intValue("readTimeoutMs", 5000, 1, 600_000));
    }

    @Override
    protected void start() {
        reader = new Thread(this::readLoop, "camera-" + context.deviceId() + "-mjpeg");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    protected void stop() {
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void readLoop() {
        while (!disposed()) {
            try {
                stream();
            } catch (IOException | RuntimeException e) {
                if (disposed()) {
                    return;
                }
                context.count("stream.failures");
                sourceDown("MJPEG stream " + source.url() + ": " + (e instanceof EOFException ? "closed by the camera" : e.getMessage()));
            }
            try {
                Thread.sleep(reconnectDelayMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void stream() throws IOException {
        HttpURLConnection c = source.open();
        connection = c;
        try {
            int code = c.getResponseCode();
            if (code != 200) {
                throw new IOException("HTTP " + code + (code == 401 ? " (check user/password)" : ""));
            }
            MjpegReader frames;
            try (InputStream in = c.getInputStream()) {
                frames = new MjpegReader(in, MjpegReader.boundaryOf(c.getContentType()), maxFrameBytes);
                while (!disposed()) {
                    byte[] frame = frames.next();
                    if (!looksLikeImage(frame)) {
                        context.count("frames.notImage");
                        continue;
                    }
                    sourceUp();
                    offerLatest(frame);
                }
            }
        } finally {
            connection = null;
            c.disconnect();
        }
    }
}
