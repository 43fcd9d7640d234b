package org.borderedge.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.core.EventIds;
import org.borderedge.evidence.EvidenceException;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceRef;
import org.borderedge.evidence.EvidenceStats;
import org.borderedge.evidence.EvidenceStore;

/**
 * Files under {@code <dir>/media/<id>}, an index in {@code <dir>/evidence.db} (WAL, synchronous=FULL).
 * A file is synced to disk and moved into place before its index row is committed, so an indexed
 * item always has its content; a crash in between leaves at most an unindexed file.
 *
 * Eviction order under the quota (oldest first within a tier): released cycles the central holds;
 * held/inspected cycles the central holds; released cycles not yet synced. Never evicted: evidence
 * of held/inspected cycles the central does not hold yet, and of cycles not decided yet. What cannot
 * be evicted stays and is reported as {@code overQuotaBytes}: evidence is not dropped to meet a quota.
 */
public final class SqliteEvidenceStore implements EvidenceStore, AutoCloseable {

    private final Path media;
    private final long quotaBytes;
    private final Clock clock;
    private final EventIds ids;
    private final Connection db;
    private long bytes;
    private long items;
    private long overQuota;
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong integrityFailures = new AtomicLong();

    public SqliteEvidenceStore(Path dir, long quotaBytes, Clock clock) throws EvidenceException {
        this.media = dir.resolve("media");
        this.quotaBytes = quotaBytes;
        this.clock = clock;
        this.ids = new EventIds(clock);
        try {
            Files.createDirectories(media);
            // straight to the driver: DriverManager does not see bundle-provided drivers in OSGi
            db = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + dir.resolve("evidence.db"), new java.util.Properties());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
                        + " media_type TEXT NOT NULL, lane_id TEXT NOT NULL, cycle_id TEXT NOT NULL, kind TEXT NOT NULL,"
                        + " stored_at INTEGER NOT NULL, synced INTEGER NOT NULL DEFAULT 0, evicted_at INTEGER)");
                s.execute("CREATE INDEX IF NOT EXISTS items_cycle ON items(cycle_id)");
                s.execute("CREATE TABLE IF NOT EXISTS cycles (cycle_id TEXT PRIMARY KEY, lane_id TEXT, outcome TEXT,"
                        + " decided_at INTEGER, synced INTEGER NOT NULL DEFAULT 0)");
                s.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM items WHERE evicted_at IS NULL")) {
                    rs.next();
                    items = rs.getLong(1);
                    bytes = rs.getLong(2);
                }
            }
        } catch (IOException | SQLException e) {
            throw new EvidenceException("evidence store at " + dir + " cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public EvidenceRef put(byte[] content, String mediaType, String laneId, String cycleId, String kind)
            throws EvidenceException {
        if (content == null) {
            throw new EvidenceException("no content for " + kind + " evidence of cycle " + cycleId);
        }
        String id = ids.nextId();
        String sha = sha256(content);
        Path tmp = media.resolve(id + ".tmp");
        Path file = media.resolve(id);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new EvidenceException("evidence " + id + " (" + kind + ", cycle " + cycleId + ") not written: " + e.getMessage(), e);
        }
        String cycle = cycleId == null ? "" : cycleId;
        String lane = laneId == null ? "" : laneId;
        synchronized (this) {
            try {
                db.setAutoCommit(false);
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO items (id, sha256, size, media_type, lane_id, cycle_id,"
                        + " kind, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, sha);
                    ps.setLong(3, content.length);
                    ps.setString(4, mediaType);
                    ps.setString(5, lane);
                    ps.setString(6, cycle);
                    ps.setString(7, kind);
                    ps.setLong(8, clock.millis());
                    ps.executeUpdate();
                }
                if (!cycle.isEmpty()) {
                    try (PreparedStatement ps = db.prepareStatement("INSERT INTO cycles (cycle_id, lane_id) VALUES (?, ?)"
                            + " ON CONFLICT(cycle_id) DO UPDATE SET lane_id = COALESCE(cycles.lane_id, excluded.lane_id)")) {
                        ps.setString(1, cycle);
                        ps.setString(2, lane);
                        ps.executeUpdate();
                    }
                }
                db.commit();
            } catch (SQLException e) {
                rollback();
                deleteQuietly(file);
                throw new EvidenceException("evidence " + id + " not indexed: " + e.getMessage(), e);
            } finally {
                autoCommit();
            }
            bytes += content.length;
            items++;
            evictOverQuota();
        }
        return new EvidenceRef(id, sha, content.length, mediaType);
    }

    /** Evicts in tier order until under the quota or nothing more may go. */
    private void evictOverQuota() {
        while (bytes > quotaBytes) {
            String victim = null;
            long size = 0;
            try (PreparedStatement ps = db.prepareStatement("SELECT i.id, i.size FROM items i JOIN cycles c ON c.cycle_id = i.cycle_id"
                    + " WHERE i.evicted_at IS NULL AND c.outcome IS NOT NULL AND (c.outcome = 'RELEASE' OR i.synced = 1 OR c.synced = 1)"
                    + " ORDER BY CASE WHEN c.outcome = 'RELEASE' AND (i.synced = 1 OR c.synced = 1) THEN 0"
                    + " WHEN i.synced = 1 OR c.synced = 1 THEN 1 ELSE 2 END, i.stored_at, i.rowid LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    victim = rs.getString(1);
                    size = rs.getLong(2);
                }
            } catch (SQLException e) {
                break;
            }
            if (victim == null) {
                break;
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE items SET evicted_at = ? WHERE id = ?")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, victim);
                ps.executeUpdate();
            } catch (SQLException e) {
                break;
            }
            deleteQuietly(media.resolve(victim));
            bytes -= size;
            items--;
            evicted.incrementAndGet();
        }
        overQuota = Math.max(0, bytes - quotaBytes);
    }

    @Override
    public synchronized Optional<EvidenceItem> find(String id) {
        List<EvidenceItem> l = query("SELECT * FROM items WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public synchronized List<EvidenceItem> forCycle(String cycleId) {
        return query("SELECT * FROM items WHERE cycle_id = ? ORDER BY stored_at, rowid", cycleId);
    }

    @Override
    public synchronized List<EvidenceItem> latestDecided(String laneId) {
        return query("SELECT * FROM items WHERE cycle_id = (SELECT cycle_id FROM cycles WHERE lane_id = ? AND outcome IS NOT NULL"
                + " ORDER BY decided_at DESC, rowid DESC LIMIT 1) ORDER BY stored_at, rowid", laneId);
    }

    private List<EvidenceItem> query(String sql, String arg) {
        List<EvidenceItem> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ev = rs.getLong("evicted_at");
                    boolean wasEvicted = !rs.wasNull();
                    out.add(new EvidenceItem(new EvidenceRef(rs.getString("id"), rs.getString("sha256"), rs.getLong("size"),
                            rs.getString("media_type")), rs.getString("lane_id"), rs.getString("cycle_id"), rs.getString("kind"),
                            Instant.ofEpochMilli(rs.getLong("stored_at")), rs.getInt("synced") == 1,
                            wasEvicted ? Instant.ofEpochMilli(ev) : null));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public InputStream open(String id, long offset, long length) throws EvidenceException {
        EvidenceItem item = present(id);
        long size = item.ref().size();
        if (offset < 0 || offset > size || (length >= 0 && offset + length > size)) {
            throw new EvidenceException("range " + offset + "+" + length + " outside evidence " + id + " of " + size + " bytes");
        }
        try {
            FileChannel ch = FileChannel.open(media.resolve(id), StandardOpenOption.READ);
            ch.position(offset);
            InputStream in = Channels.newInputStream(ch);
            return length < 0 ? in : new BoundedInputStream(in, length);
        } catch (NoSuchFileException e) {
            integrityFailures.incrementAndGet();
            throw new EvidenceException("evidence " + id + " is indexed but its file is missing", e);
        } catch (IOException e) {
            throw new EvidenceException("evidence " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void verify(String id) throws EvidenceException {
        EvidenceItem item = present(id);
        byte[] content;
        try {
            content = Files.readAllBytes(media.resolve(id));
        } catch (IOException e) {
            integrityFailures.incrementAndGet();
            throw new EvidenceException("evidence " + id + " cannot be read: " + e.getMessage(), e);
        }
        String actual = sha256(content);
        if (!actual.equals(item.ref().sha256())) {
            integrityFailures.incrementAndGet();
            throw new EvidenceException("evidence " + id + " is corrupt: sha256 " + actual + ", stored " + item.ref().sha256());
        }
    }

    private EvidenceItem present(String id) throws EvidenceException {
        EvidenceItem item = find(id).orElseThrow(() -> new EvidenceException("no evidence " + id));
        if (item.evicted() != null) {
            throw new EvidenceException("evidence " + id + " was evicted at " + item.evicted());
        }
        return item;
    }

    @Override
    public synchronized void mark(String cycleId, String outcome, boolean synced) {
        if (cycleId == null || cycleId.isEmpty()) {
            return;
        }
        // HOLD and INSPECT are sticky: a later RELEASE of a held vehicle keeps its evidence protected
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO cycles (cycle_id, outcome, decided_at, synced) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(cycle_id) DO UPDATE SET"
                + " outcome = CASE WHEN excluded.outcome IS NULL THEN cycles.outcome"
                + "   WHEN cycles.outcome IN ('HOLD', 'INSPECT') THEN cycles.outcome ELSE excluded.outcome END,"
                + " decided_at = COALESCE(excluded.decided_at, cycles.decided_at),"
                + " synced = MAX(cycles.synced, excluded.synced)")) {
            ps.setString(1, cycleId);
            ps.setString(2, outcome);
            if (outcome == null) {
                ps.setNull(3, java.sql.Types.INTEGER);
            } else {
                ps.setLong(3, clock.millis());
            }
            ps.setInt(4, synced ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            return;
        }
        evictOverQuota();
    }

    @Override
    public synchronized boolean markSynced(String id, String sha256) {
        try (PreparedStatement ps = db.prepareStatement("UPDATE items SET synced = 1 WHERE id = ? AND sha256 = ?")) {
            ps.setString(1, id);
            ps.setString(2, sha256 == null ? "" : sha256.toLowerCase(java.util.Locale.ROOT));
            boolean ok = ps.executeUpdate() == 1;
            if (ok) {
                evictOverQuota();
            }
            return ok;
        } catch (SQLException e) {
            // Not a hash mismatch: the central must not be told to fetch again what it holds.
            throw new IllegalStateException("evidence database: receipt of " + id + " not recorded: " + e.getMessage(), e);
        }
    }

    /**
     * Items the central does not hold yet, at most {@code maxSize} bytes each: held and inspected
     * cycles first, then oldest first. What the push sends.
     */
    synchronized List<EvidenceItem> unsynced(long maxSize, int limit) {
        List<EvidenceItem> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT i.* FROM items i LEFT JOIN cycles c ON c.cycle_id = i.cycle_id"
                + " WHERE i.synced = 0 AND COALESCE(c.synced, 0) = 0 AND i.evicted_at IS NULL AND i.size <= ?"
                + " ORDER BY CASE WHEN c.outcome IN ('HOLD', 'INSPECT') THEN 0 ELSE 1 END, i.stored_at, i.rowid LIMIT ?")) {
            ps.setLong(1, maxSize);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EvidenceItem(new EvidenceRef(rs.getString("id"), rs.getString("sha256"), rs.getLong("size"),
                            rs.getString("media_type")), rs.getString("lane_id"), rs.getString("cycle_id"), rs.getString("kind"),
                            Instant.ofEpochMilli(rs.getLong("stored_at")), false, null));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return out;
    }

    synchronized String meta(String key) {
        try (PreparedStatement ps = db.prepareStatement("SELECT v FROM meta WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    synchronized void meta(String key, String value) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            // the collector then re-reads a few events; storing their evidence twice is harmless
        }
    }

    @Override
    public synchronized EvidenceStats stats() {
        return new EvidenceStats(items, bytes, quotaBytes, evicted.get(), overQuota, integrityFailures.get());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is closed or broken; the next statement reports it
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // an orphan file costs disk only; the index no longer names it
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    /** Ends a stream after {@code remaining} bytes: serves one HTTP range. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
