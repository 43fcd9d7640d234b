package org.borderedge.camera.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.device.DeviceContext;

/**
 * A folder cameras upload pictures into (FTP/SMB drop). Every {@code pollIntervalMs} it reads the
 * JPEG/PNG files that have been still for {@code settleMs} (not half-written), oldest first, and
 * recognises each one; then deletes it ({@code afterRead: delete}) or remembers it ({@code keep}).
 */
final class FolderCameraHandler extends RecognizingCameraHandler {

    private static final int REMEMBERED = 10_000;

    private Path folder;
    private long pollIntervalMs;
    private long settleMs;
    private boolean deleteAfterRead;
    private int maxFrameBytes;
    private final Set<Path> done = new LinkedHashSet<>();

    FolderCameraHandler(DeviceContext context, Supplier<PlateRecognizer> recognizers) {
        super(context, recognizers);
    }

    @Override
    protected void configure() {
        String endpoint = context.endpoint();
        folder = endpoint.startsWith("file:") ? Path.of(URI.create(endpoint)) : Path.of(endpoint.replaceFirst("^folder:(//)?", ""));
        pollIntervalMs = options.longValue("pollIntervalMs", 500, 10, 3_600_000);
        settleMs = options.longValue("settleMs", 300, 0, 60_000);
        maxFrameBytes = options.intValue("maxFrameBytes", 8 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        String after = options.string("afterRead", "delete");
        if (!after.equals("delete") && !after.equals("keep")) {
            throw new IllegalArgumentException("option 'afterRead' must be delete or keep, got '" + after + "'");
        }
        deleteAfterRead = after.equals("delete");
    }

    @Override
    protected void start() {
        scheduler.scheduleWithFixedDelay(this::scan, 0, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void stop() {
    }

    private void scan() {
        if (!Files.isDirectory(folder)) {
            sourceDown("folder " + folder + " does not exist");
            return;
        }
        List<Path> ready = new ArrayList<>();
        long settledBefore = context.clock().millis() - settleMs;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")) && !done.contains(f)
                        && Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() <= settledBefore) {
                    ready.add(f);
                }
            }
        } catch (IOException e) {
            sourceDown("cannot list folder " + folder + ": " + e.getMessage());
            return;
        }
        sourceUp();
        ready.sort(Comparator.comparing(FolderCameraHandler::modified).thenComparing(Path::toString));
        for (Path f : ready) {
            if (disposed()) {
                return;
            }
            read(f);
        }
    }

    private void read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxFrameBytes) {
                context.count("frames.tooLarge");
                forget(file);
                return;
            }
            byte[] frame = Files.readAllBytes(file);
            if (!looksLikeImage(frame)) {
                context.count("frames.notImage");
            } else {
                recognizeNow(frame);
            }
            forget(file);
        } catch (IOException e) {
            context.count("folder.failures");
        }
    }

    private void forget(Path file) throws IOException {
        if (deleteAfterRead) {
            Files.deleteIfExists(file);
        } else {
            done.add(file);
            if (done.size() > REMEMBERED) {
                done.remove(done.iterator().next());
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
