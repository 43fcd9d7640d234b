package org.borderedge.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Append-only audit log (DATA/console/audit.jsonl), one JSON object per line, hash-chained:
 * {@code hash = SHA-256(prev + "\n" + canonical(entry without hash))}, where canonical is JSON
 * with keys sorted. Editing, inserting or deleting any line but the last breaks the chain at
 * that line; cutting the tail is caught by comparing with the hashes synced to the central.
 * Each line is forced to disk before {@link #append} returns.
 */
final class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    record Entry(long seq, String time, String user, String action, String lane, Map<String, Object> detail,
            String prev, String hash) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(withoutHash());
            m.put("hash", hash);
            return m;
        }

        Map<String, Object> withoutHash() {
            Map<String, Object> m = new TreeMap<>();
            m.put("seq", seq);
            m.put("time", time);
            m.put("user", user == null ? "" : user);
            m.put("action", action);
            m.put("lane", lane == null ? "" : lane);
            m.put("detail", detail == null ? Map.of() : detail);
            m.put("prev", prev);
            return m;
        }
    }

    /** @param firstBadSeq the first entry that does not verify, or -1 when all do */
    record Verification(boolean ok, long entries, long firstBadSeq, String problem) {
    }

    private final Path file;
    private final Clock clock;
    private final Consumer<Entry> sink;
    private final ObjectMapper canonical = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private long lastSeq;
    private String lastHash = GENESIS;

    AuditTrail(Path file, Clock clock, Consumer<Entry> sink) {
        this.file = file;
        this.clock = clock;
        this.sink = sink;
        List<Entry> existing = readAll();
        if (!existing.isEmpty()) {
            Entry last = existing.get(existing.size() - 1);
            lastSeq = last.seq();
            lastHash = last.hash();
        }
    }

    /** Appends, forces to disk, then hands the entry to the sink (the outbox). */
    Entry append(String user, String action, String lane, Map<String, Object> detail) {
        Entry e;
        synchronized (this) {
            long seq = lastSeq + 1;
            Entry draft = new Entry(seq, clock.instant().toString(), user, action, lane,
                    detail == null ? Map.of() : new TreeMap<>(detail), lastHash, null);
            String hash = hash(draft);
            e = new Entry(seq, draft.time(), user, action, lane, draft.detail(), lastHash, hash);
            write(e);
            lastSeq = seq;
            lastHash = hash;
        }
        sink.accept(e);
        return e;
    }

    synchronized long size() {
        return lastSeq;
    }

    /** The newest entries first, at most {@code limit}. */
    List<Entry> latest(int limit) {
        List<Entry> all = readAll();
        List<Entry> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Re-reads the file and recomputes the chain from the first line. */
    Verification verify() {
        List<String> lines;
        synchronized (this) {
            lines = lines();
        }
        String prev = GENESIS;
        long expectedSeq = 1;
        for (int i = 0; i < lines.size(); i++) {
            Entry e;
            try {
                e = parse(lines.get(i));
            } catch (RuntimeException bad) {
                return new Verification(false, lines.size(), expectedSeq, "line " + (i + 1) + " is not a valid entry: " + bad.getMessage());
            }
            if (e.seq() != expectedSeq) {
                return new Verification(false, lines.size(), expectedSeq, "line " + (i + 1) + ": expected seq " + expectedSeq + " but found " + e.seq());
            }
            if (!prev.equals(e.prev())) {
                return new Verification(false, lines.size(), e.seq(), "entry " + e.seq() + ": prev does not match the hash of entry " + (e.seq() - 1));
            }
            if (!hash(e).equals(e.hash())) {
                return new Verification(false, lines.size(), e.seq(), "entry " + e.seq() + ": content does not match its hash (edited)");
            }
            prev = e.hash();
            expectedSeq++;
        }
        return new Verification(true, lines.size(), -1, "");
    }

    private String hash(Entry e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(e.prev().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(canonical.writeValueAsBytes(e.withoutHash()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void write(Entry e) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (canonical.writeValueAsString(e.toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to audit log " + file, ex);
        }
    }

    private List<String> lines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read audit log " + file, ex);
        }
    }

    private synchronized List<Entry> readAll() {
        List<Entry> out = new ArrayList<>();
        for (String l : lines()) {
            try {
                out.add(parse(l));
            } catch (RuntimeException unreadable) {
                // verify() reports it; listing shows what can still be read.
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Entry parse(String line) {
        Map<String, Object> m;
        try {
            m = canonical.readValue(line, MAP);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(ex.getOriginalMessage());
        }
        Object detail = m.get("detail");
        return new Entry(((Number) m.get("seq")).longValue(), (String) m.get("time"), (String) m.get("user"),
                (String) m.get("action"), (String) m.get("lane"),
                detail instanceof Map ? (Map<String, Object>) detail : Map.of(), (String) m.get("prev"),
                (String) m.get("hash"));
    }
}
