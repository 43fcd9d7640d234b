package org.borderedge.evidence.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.evidence.EvidenceException;
import org.borderedge.evidence.EvidenceKinds;
import org.borderedge.evidence.EvidenceRef;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the journal and files the evidence its events point at: the pictures behind plate and
 * container reads (the camera's short-lived evidence folder), the scanner's image or its reference,
 * the weighing record. Each stored item is announced by an EVIDENCE_STORED event carrying id and
 * SHA-256, and each DECISION tells the store the cycle's outcome. Working from the journal keeps
 * disk copies off the lane's decision path and needs no change in the lane engine or the drivers.
 */
final class EvidenceCollector {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceCollector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ISAPI camera keeps the plate crop just before the scene: {millis}-{n}-plate.jpg, {millis}-{n+1}-scene.jpg. */
    private static final Pattern SCENE = Pattern.compile("(\\d+)-(\\d+)-scene\\.(jpg|jpeg|png)");
    private static final int BATCH = 500;

    private final SqliteEvidenceStore store;
    private final Outbox outbox;
    private final long maxItemBytes;
    private final AtomicLong failures = new AtomicLong();

    EvidenceCollector(SqliteEvidenceStore store, Outbox outbox, long maxItemBytes) {
        this.store = store;
        this.outbox = outbox;
        this.maxItemBytes = maxItemBytes;
    }

    long failures() {
        return failures.get();
    }

    /** Processes every journalled event not seen yet; returns how many. Called from one thread. */
    int drain() {
        String epoch = String.valueOf(outbox.stats().epoch());
        long after = epoch.equals(store.meta("epoch")) ? parse(store.meta("afterSeq")) : 0;
        int done = 0;
        while (true) {
            List<GateEvent> events = outbox.readAfter(after, BATCH);
            for (GateEvent e : events) {
                process(e);
                after = e.seq();
                done++;
            }
            if (!events.isEmpty()) {
                store.meta("epoch", epoch);
                store.meta("afterSeq", Long.toString(after));
            }
            if (events.size() < BATCH) {
                return done;
            }
        }
    }

    void process(GateEvent e) {
        Map<String, Object> p = e.payload();
        String cycle = text(p.get("cycleId"));
        switch (e.type()) {
            case PLATE_READ, CONTAINER_READ -> {
                String ref = text(p.get("imageRef"));
                Optional<Path> picture = localFile(ref);
                if (picture.isEmpty() && !ref.isEmpty()) {
                    // rotated away by the camera before it was filed, or never written: say so
                    fail(e, EvidenceKinds.OVERVIEW, "image " + ref + " is not a readable file");
                } else if (picture.isPresent()) {
                    Path f = picture.get();
                    Matcher m = SCENE.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        long n = Long.parseLong(m.group(2));
                        Path crop = f.resolveSibling(m.group(1) + "-" + (n - 1) + "-plate." + m.group(3));
                        if (Files.isRegularFile(crop)) {
                            file(e, crop, EvidenceKinds.PLATE_CROP);
                        }
                    }
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    file(e, f, name.contains("plate") ? EvidenceKinds.PLATE_CROP : EvidenceKinds.OVERVIEW);
                }
            }
            case SCAN_COMPLETED -> {
                String ref = text(p.get("imageRef"));
                Optional<Path> image = localFile(ref);
                if (image.isPresent()) {
                    file(e, image.get(), EvidenceKinds.SCAN);
                } else if (!ref.isEmpty()) {
                    record(e, EvidenceKinds.SCAN_REFERENCE, Map.of("imageRef", ref, "verdict", text(p.get("verdict")),
                            "detail", text(p.get("detail")), "requestId", text(p.get("requestId"))));
                }
            }
            case WEIGHT_MEASURED -> record(e, EvidenceKinds.WEIGHING, p);
            case DECISION -> {
                String verdict = text(p.get("verdict"));
                if (!cycle.isEmpty() && !verdict.isEmpty()) {
                    store.mark(cycle, verdict, false);
                }
            }
            default -> {
                // other events carry no evidence
            }
        }
    }

    private void file(GateEvent e, Path f, String kind) {
        try {
            long size = Files.size(f);
            if (size > maxItemBytes) {
                fail(e, kind, f + " is " + size + " bytes, above the " + maxItemBytes + " byte item limit");
                return;
            }
            stored(e, kind, f.toString(), store.put(Files.readAllBytes(f), mediaType(f), e.laneId(), text(e.payload().get("cycleId")), kind));
        } catch (IOException | EvidenceException ex) {
            // the camera may have rotated the file away already; the read itself is in the journal
            fail(e, kind, ex.getMessage());
        }
    }

    private void record(GateEvent e, String kind, Map<String, Object> fields) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("eventId", e.id());
        doc.put("seq", e.seq());
        doc.put("type", e.type().name());
        doc.put("laneId", e.laneId());
        doc.put("time", e.time().toString());
        doc.put("payload", fields);
        try {
            byte[] content = JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
            stored(e, kind, "event:" + e.id(), store.put(content, "application/json", e.laneId(), text(e.payload().get("cycleId")), kind));
        } catch (JsonProcessingException | EvidenceException ex) {
            fail(e, kind, ex.getMessage());
        }
    }

    private void stored(GateEvent source, String kind, String from, EvidenceRef ref) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cycleId", text(source.payload().get("cycleId")));
        p.put("kind", kind);
        p.put("evidenceId", ref.id());
        p.put("sha256", ref.sha256());
        p.put("size", ref.size());
        p.put("mediaType", ref.mediaType());
        p.put("sourceEventId", source.id());
        p.put("source", from);
        try {
            outbox.append(EventDraft.of(EventType.EVIDENCE_STORED, source.laneId(), source.time(), p));
        } catch (OutboxException ex) {
            // the item is stored and served by id; only its announcement is missing
            failures.incrementAndGet();
            LOG.warn("EVIDENCE_STORED for {} not journalled: {}", ref.id(), ex.getMessage());
        }
    }

    private void fail(GateEvent e, String kind, String why) {
        failures.incrementAndGet();
        LOG.warn("{} evidence of event {} (seq {}) not kept: {}", kind, e.id(), e.seq(), why);
    }

    private static Optional<Path> localFile(String ref) {
        if (ref.isEmpty() || ref.contains("://")) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(ref);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    static String mediaType(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff")) {
            return "image/tiff";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static long parse(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
