package org.borderedge.camera.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the pictures behind accepted reads in one folder per device, the newest {@code keep} of
 * them, so evidence never fills the disk. Without a folder nothing is kept and the image
 * reference is empty. A write failure loses the picture, never the read.
 */
final class EvidenceStore {

    private final Path folder;
    private final int keep;
    private final Deque<Path> written = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    EvidenceStore(Path folder, int keep) {
        this.folder = folder;
        this.keep = keep;
    }

    static EvidenceStore none() {
        return new EvidenceStore(null, 0);
    }

    boolean enabled() {
        return folder != null && keep > 0;
    }

    /** Stores the picture; returns its path as the image reference, or "" when nothing was kept. */
    synchronized String keep(byte[] picture, String suffix, Instant time) throws IOException {
        if (!enabled() || picture == null || picture.length == 0) {
            return "";
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(time.toEpochMilli() + "-" + sequence.incrementAndGet() + "-" + suffix);
        Files.write(file, picture);
        written.addLast(file);
        while (written.size() > keep) {
            Files.deleteIfExists(written.removeFirst());
        }
        return file.toAbsolutePath().toString();
    }
}
