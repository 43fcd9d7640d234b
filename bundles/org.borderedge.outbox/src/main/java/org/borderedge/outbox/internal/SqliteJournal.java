package org.borderedge.outbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventIds;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Priority;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.outbox.OutboxStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event journal in one SQLite file (WAL, synchronous=FULL). One writer thread owns the write
 * connection: it takes every append and acknowledgement waiting in its queue, writes them in one
 * transaction and commits once, so concurrent appends share one sync (group commit). Sequences
 * are assigned inside that transaction, so they are gap-free in commit order.
 *
 * <p>Plain Java: the OSGi component, tests, benchmarks and the crash-test child all use this class.
 */
public final class SqliteJournal implements Outbox, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int QUEUE_CAPACITY = 100_000;
    private static final int EVICT_CHUNK = 2000;
    private static final int RANGES_PER_ANNOUNCEMENT = 500;
    private static final String EVENT_COLUMNS = "seq, id, type, lane_id, priority, time_us, payload";

    private final JournalSettings settings;
    private final Clock clock;
    private final EventIds ids;
    private final Connection writer;
    private final Connection reader;
    private final long epoch;
    private final long pageSize;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final CopyOnWriteArrayList<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final Thread writerThread;

    // Owned by the writer thread; read by stats() without a lock (volatile snapshots).
    private long lastSeq;
    private volatile long lastSeqCommitted;
    private volatile long pending;
    private volatile long lastAckSeq;
    private volatile String degradedReason = "";
    private volatile boolean closed;
    private boolean quotaEvicting;
    private long bytesSinceQuotaCheck;
    private long lastMaintenanceMs;
    private long evictedTotal;

    private sealed interface Job permits AppendJob, AckJob, RedeliverJob, MaintenanceJob, StopJob {
    }

    private record AppendJob(String id, EventDraft draft, String payloadJson, CompletableFuture<GateEvent> done) implements Job {
    }

    private record AckJob(long[] seqs, CompletableFuture<Void> done) implements Job {
    }

    private record RedeliverJob(long fromSeq, CompletableFuture<Integer> done) implements Job {
    }

    private record MaintenanceJob(CompletableFuture<Void> done) implements Job {
    }

    private record StopJob() implements Job {
    }

    private SqliteJournal(JournalSettings settings, Clock clock, Connection writer, Connection reader, long epoch,
            long lastSeq, long pageSize) throws SQLException {
        this.settings = settings;
        this.clock = clock;
        this.ids = new EventIds(clock);
        this.writer = writer;
        this.reader = reader;
        this.epoch = epoch;
        this.lastSeq = lastSeq;
        this.lastSeqCommitted = lastSeq;
        this.pageSize = pageSize;
        try (Statement st = reader.createStatement()) {
            this.pending = scalar(st, "SELECT COUNT(*) FROM events WHERE delivered_us IS NULL");
            this.lastAckSeq = scalar(st, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE delivered_us IS NOT NULL");
        }
        this.lastMaintenanceMs = clock.millis();
        this.writerThread = new Thread(this::writerLoop, "outbox-writer");
        this.writerThread.setDaemon(true);
    }

    /**
     * Opens the journal, creating it if absent. A file that SQLite cannot open or whose integrity
     * check fails is moved aside as {@code <file>.corrupt-<UTC stamp>}, the events still readable in
     * it are salvaged into a new journal, which continues its epoch and sequence when they are known
     * (a new epoch otherwise), and an ALARM event records it. Never loops on a bad file.
     *
     * @throws OutboxException only if even a fresh journal cannot be created (e.g. the folder is not writable)
     */
    public static SqliteJournal open(JournalSettings settings, Clock clock) throws OutboxException {
        Path file = settings.file().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new OutboxException("cannot create folder of " + file, e);
        }
        Map<String, Object> quarantine = null;
        Connection writer;
        try {
            writer = openChecked(file);
        } catch (SQLException | RuntimeException e) {
            quarantine = quarantine(file, clock, e);
            try {
                writer = openChecked(file);
            } catch (SQLException | RuntimeException again) {
                throw new OutboxException("cannot create a new journal at " + file + " after quarantine", again);
            }
        }
        try {
            Meta meta = readOrCreateMeta(writer, settings.gatewayId(), clock, quarantine);
            if (quarantine != null) {
                salvage(writer, Path.of((String) quarantine.get("quarantinedFile")), quarantine);
                meta = readOrCreateMeta(writer, settings.gatewayId(), clock, quarantine);
            }
            long pageSize;
            try (Statement st = writer.createStatement()) {
                pageSize = scalar(st, "PRAGMA page_size");
            }
            Connection reader = connect("jdbc:sqlite:" + file);
            try (Statement st = reader.createStatement()) {
                st.execute("PRAGMA busy_timeout=5000");
            }
            writer.setAutoCommit(false);
            SqliteJournal journal = new SqliteJournal(settings, clock, writer, reader, meta.epoch, meta.lastSeq, pageSize);
            journal.writerThread.start();
            if (quarantine != null) {
                journal.degradedReason = "journal was corrupt at start; moved to " + quarantine.get("quarantinedFile");
                try {
                    journal.append(new EventDraft(EventType.ALARM, null, Priority.CRITICAL, clock.instant(), quarantine));
                } catch (OutboxException e) {
                    LOG.error("could not journal the quarantine alarm", e);
                }
            }
            return journal;
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new OutboxException("cannot prepare journal " + file, e);
        }
    }

    private static Connection openChecked(Path file) throws SQLException {
        Connection c = connect("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new SQLException("integrity check failed: " + verdict);
                }
            }
            // Must precede the first table: lets maintenance hand freed pages back to the file system.
            st.execute("PRAGMA auto_vacuum=INCREMENTAL");
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("journal_mode WAL refused");
                }
            }
            // FULL: the WAL is synced at every commit, so an append that returned survives power loss.
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA journal_size_limit=33554432");
            st.execute("CREATE TABLE IF NOT EXISTS journal_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, "
                    + "lane_id TEXT, priority INTEGER NOT NULL, time_us INTEGER NOT NULL, payload TEXT NOT NULL, "
                    + "appended_ms INTEGER NOT NULL, delivered_us INTEGER)");
            st.execute("CREATE INDEX IF NOT EXISTS events_pending ON events(priority, seq) WHERE delivered_us IS NULL");
            st.execute("CREATE INDEX IF NOT EXISTS events_delivered ON events(delivered_us) WHERE delivered_us IS NOT NULL");
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static Map<String, Object> quarantine(Path file, Clock clock, Exception cause) throws OutboxException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        for (int i = 1; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()) + "-" + i);
        }
        LOG.error("journal {} is unreadable ({}); moving it to {} and starting a new one", file, cause.getMessage(), aside);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new OutboxException("journal " + file + " is unreadable and cannot be moved aside", e);
        }
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("alarm", "OUTBOX_QUARANTINED");
        alarm.put("reason", String.valueOf(cause.getMessage()));
        alarm.put("quarantinedFile", aside.toString());
        alarm.put("at", clock.instant().toString());
        return alarm;
    }

    private record Meta(long epoch, long lastSeq) {
    }

    private static Meta readOrCreateMeta(Connection c, String gatewayId, Clock clock, Map<String, Object> quarantine)
            throws SQLException {
        Map<String, String> meta = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM journal_meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        if (meta.containsKey("epoch")) {
            long maxSeq;
            try (Statement st = c.createStatement()) {
                maxSeq = scalar(st, "SELECT COALESCE(MAX(seq), 0) FROM events");
            }
            return new Meta(Long.parseLong(meta.get("epoch")), Math.max(maxSeq, Long.parseLong(meta.get("last_seq"))));
        }
        // A new journal starts a new epoch that sorts after any earlier one (wall-clock millis);
        // salvage from a quarantined file may replace it with the old epoch and position.
        long epoch = clock.millis();
        long lastSeq = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO journal_meta(key, value) VALUES (?, ?)")) {
            for (String[] kv : new String[][] {{"gateway_id", gatewayId}, {"epoch", Long.toString(epoch)},
                    {"last_seq", Long.toString(lastSeq)}, {"created", clock.instant().toString()}}) {
                ps.setString(1, kv[0]);
                ps.setString(2, kv[1]);
                ps.executeUpdate();
            }
        }
        if (quarantine != null) {
            quarantine.put("epoch", epoch);
            quarantine.put("epochContinued", false);
        }
        return new Meta(epoch, lastSeq);
    }

    /** Copies whatever rows are still readable from the quarantined file; stops quietly at the first damage. */
    private static void salvage(Connection target, Path quarantined, Map<String, Object> alarm) {
        long copied = 0;
        long previousEpoch = -1;
        long previousLastSeq = -1;
        try {
            target.setAutoCommit(false);
        } catch (SQLException e) {
            LOG.error("cannot start salvage transaction", e);
            return;
        }
        try (Connection old = connect("jdbc:sqlite:file:" + quarantined + "?mode=ro")) {
            try (Statement st = old.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT key, value FROM journal_meta WHERE key IN ('epoch', 'last_seq')")) {
                    while (rs.next()) {
                        if ("epoch".equals(rs.getString(1))) {
                            previousEpoch = Long.parseLong(rs.getString(2));
                        } else {
                            previousLastSeq = Long.parseLong(rs.getString(2));
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT seq, id, type, lane_id, priority, time_us, payload, appended_ms, "
                        + "delivered_us FROM events ORDER BY seq");
                        PreparedStatement ins = target.prepareStatement("INSERT OR IGNORE INTO events(seq, id, type, lane_id, "
                                + "priority, time_us, payload, appended_ms, delivered_us) VALUES (?,?,?,?,?,?,?,?,?)")) {
                    while (rs.next()) {
                        for (int i = 1; i <= 9; i++) {
                            ins.setObject(i, rs.getObject(i));
                        }
                        ins.executeUpdate();
                        copied++;
                        previousLastSeq = Math.max(previousLastSeq, rs.getLong(1));
                    }
                } catch (SQLException damaged) {
                    alarm.put("salvageStoppedAt", String.valueOf(damaged.getMessage()));
                }
            }
        } catch (SQLException | RuntimeException unreadable) {
            alarm.put("salvageStoppedAt", String.valueOf(unreadable.getMessage()));
        }
        try {
            if (previousEpoch > 0 && previousLastSeq >= 0) {
                try (PreparedStatement ps = target.prepareStatement("UPDATE journal_meta SET value = ? WHERE key = ?")) {
                    ps.setString(1, Long.toString(previousEpoch));
                    ps.setString(2, "epoch");
                    ps.executeUpdate();
                    ps.setString(1, Long.toString(previousLastSeq));
                    ps.setString(2, "last_seq");
                    ps.executeUpdate();
                }
                alarm.put("epoch", previousEpoch);
                alarm.put("epochContinued", true);
                alarm.put("continuedAfterSeq", previousLastSeq);
            } else {
                // Rows without a known epoch cannot be placed in a sequence: drop them, start the new epoch empty.
                try (Statement st = target.createStatement()) {
                    st.executeUpdate("DELETE FROM events");
                }
                copied = 0;
            }
            target.commit();
        } catch (SQLException e) {
            LOG.error("salvage of {} failed", quarantined, e);
            try {
                target.rollback();
            } catch (SQLException ignored) {
                // the connection is closed by the caller on failure
            }
            copied = 0;
        } finally {
            try {
                target.setAutoCommit(true);
            } catch (SQLException ignored) {
                // reopened below in auto-commit off mode anyway
            }
        }
        alarm.put("salvagedEvents", copied);
    }

    // ---- appends --------------------------------------------------------------------------------

    @Override
    public GateEvent append(EventDraft draft) throws OutboxException {
        CompletableFuture<GateEvent> f = appendAsync(draft);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // The commit may already be under way: wait for its verdict so the contract holds.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof OutboxException oe ? oe : new OutboxException("append failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public CompletableFuture<GateEvent> appendAsync(EventDraft draft) {
        if (closed) {
            return CompletableFuture.failedFuture(new OutboxException("journal closed"));
        }
        String payload;
        try {
            payload = JSON.writeValueAsString(draft.payload());
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new OutboxException("payload is not serialisable as JSON: " + e.getOriginalMessage(), e));
        }
        CompletableFuture<GateEvent> done = new CompletableFuture<>();
        return enqueue(new AppendJob(ids.nextId(), draft, payload, done), done);
    }

    /** Appends many drafts in as few commits as possible; returns once all are durable. */
    public List<GateEvent> appendAll(List<EventDraft> drafts) throws OutboxException {
        List<CompletableFuture<GateEvent>> futures = new ArrayList<>(drafts.size());
        for (EventDraft d : drafts) {
            futures.add(appendAsync(d));
        }
        List<GateEvent> out = new ArrayList<>(drafts.size());
        for (CompletableFuture<GateEvent> f : futures) {
            try {
                out.add(f.join());
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof OutboxException oe ? oe : new OutboxException("append failed", e.getCause());
            }
        }
        return out;
    }

    private <T> CompletableFuture<T> enqueue(Job job, CompletableFuture<T> done) {
        try {
            queue.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new OutboxException("interrupted before the append was queued"));
        }
        if (closed && !writerThread.isAlive()) {
            done.completeExceptionally(new OutboxException("journal closed"));
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> markDelivered(Collection<Long> seqs) {
        long[] arr = seqs.stream().mapToLong(Long::longValue).toArray();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new OutboxException("journal closed"));
            return done;
        }
        return enqueue(new AckJob(arr, done), done);
    }

    @Override
    public int redeliverFrom(long fromSeq) throws OutboxException {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        enqueue(new RedeliverJob(fromSeq, done), done);
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted");
        } catch (ExecutionException e) {
            throw new OutboxException("redeliver failed", e.getCause());
        }
    }

    /** Runs retention purge, quota check, vacuum and checkpoint now (tests and operators). */
    public void maintainNow() throws OutboxException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new MaintenanceJob(done), done);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted");
        } catch (ExecutionException e) {
            throw new OutboxException("maintenance failed", e.getCause());
        }
    }

    @Override
    public void addAppendListener(Runnable listener) {
        appendListeners.add(listener);
    }

    @Override
    public void removeAppendListener(Runnable listener) {
        appendListeners.remove(listener);
    }

    // ---- the writer thread -------------------------------------------------------------------------

    private void writerLoop() {
        List<Job> batch = new ArrayList<>(settings.maxBatch());
        long intervalMs = settings.maintenanceInterval().toMillis();
        while (true) {
            Job first;
            try {
                first = queue.poll(Math.max(1, intervalMs), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = new StopJob();
            }
            if (first == null) {
                maintain();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, settings.maxBatch() - 1);
            boolean stop = false;
            List<Job> work = new ArrayList<>(batch.size());
            for (Job j : batch) {
                if (j instanceof StopJob) {
                    stop = true;
                } else if (stop) {
                    fail(j, new OutboxException("journal closed"));
                } else {
                    work.add(j);
                }
            }
            batch.clear();
            commit(work);
            if (stop) {
                for (Job j; (j = queue.poll()) != null;) {
                    fail(j, new OutboxException("journal closed"));
                }
                return;
            }
            if (bytesSinceQuotaCheck > settings.quotaBytes() / 64) {
                checkQuota();
            }
            if (clock.millis() - lastMaintenanceMs >= intervalMs) {
                maintain();
            }
        }
    }

    private void commit(List<Job> work) {
        if (work.isEmpty()) {
            return;
        }
        long seqBefore = lastSeq;
        List<GateEvent> appended = new ArrayList<>();
        int[] ackCounts = null;
        List<AckJob> acks = new ArrayList<>();
        List<Integer> redelivered = new ArrayList<>();
        List<MaintenanceJob> maintenance = new ArrayList<>();
        long bytes = 0;
        long nowMs = clock.millis();
        try {
            try (PreparedStatement ins = writer.prepareStatement("INSERT INTO events(seq, id, type, lane_id, priority, "
                    + "time_us, payload, appended_ms) VALUES (?,?,?,?,?,?,?,?)");
                    PreparedStatement ack = writer.prepareStatement("UPDATE events SET delivered_us = ? WHERE seq = ? AND delivered_us IS NULL");
                    PreparedStatement redo = writer.prepareStatement("UPDATE events SET delivered_us = NULL WHERE seq >= ? AND delivered_us IS NOT NULL")) {
                long nowUs = micros(clock.instant());
                for (Job j : work) {
                    if (j instanceof AppendJob a) {
                        long seq = ++lastSeq;
                        EventDraft d = a.draft();
                        ins.setLong(1, seq);
                        ins.setString(2, a.id());
                        ins.setString(3, d.type().name());
                        ins.setString(4, d.laneId());
                        ins.setInt(5, d.priority().ordinal());
                        ins.setLong(6, micros(d.time()));
                        ins.setString(7, a.payloadJson());
                        ins.setLong(8, nowMs);
                        ins.addBatch();
                        bytes += a.payloadJson().length() + 120;
                        appended.add(new GateEvent(a.id(), settings.gatewayId(), epoch, seq, d.type(), d.laneId(),
                                d.priority(), d.time(), d.payload()));
                    } else if (j instanceof AckJob k) {
                        for (long s : k.seqs()) {
                            ack.setLong(1, nowUs);
                            ack.setLong(2, s);
                            ack.addBatch();
                        }
                        acks.add(k);
                    } else if (j instanceof RedeliverJob r) {
                        redo.setLong(1, r.fromSeq());
                        redelivered.add(redo.executeUpdate());
                    } else if (j instanceof MaintenanceJob m) {
                        maintenance.add(m);
                    }
                }
                if (!appended.isEmpty()) {
                    ins.executeBatch();
                    setMeta("last_seq", Long.toString(lastSeq));
                }
                if (!acks.isEmpty()) {
                    ackCounts = ack.executeBatch();
                }
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            lastSeq = seqBefore;
            try {
                writer.rollback();
            } catch (SQLException rollbackFailed) {
                LOG.error("rollback failed", rollbackFailed);
            }
            LOG.error("journal commit of {} jobs failed", work.size(), e);
            OutboxException failure = new OutboxException("journal commit failed: " + e.getMessage(), e);
            for (Job j : work) {
                if (!(j instanceof MaintenanceJob)) {
                    fail(j, failure);
                }
            }
            appended.clear();
            acks.clear();
            redelivered.clear();
        }
        lastSeqCommitted = lastSeq;
        bytesSinceQuotaCheck += bytes;
        long delivered = 0;
        if (ackCounts != null) {
            long maxAck = lastAckSeq;
            for (int c : ackCounts) {
                delivered += Math.max(c, 0);
            }
            for (AckJob k : acks) {
                for (long s : k.seqs()) {
                    maxAck = Math.max(maxAck, s);
                }
            }
            lastAckSeq = maxAck;
        }
        int redo = redelivered.stream().mapToInt(Integer::intValue).sum();
        pending = pending + appended.size() - delivered + redo;
        if (pending == 0 && quotaEvicting) {
            // Everything left has reached the central: the loss window is closed.
            quotaEvicting = false;
            degradedReason = "";
        }
        int appendIndex = 0;
        int redoIndex = 0;
        for (Job j : work) {
            if (j instanceof AppendJob a) {
                a.done().complete(appended.get(appendIndex++));
            } else if (j instanceof AckJob k) {
                k.done().complete(null);
            } else if (j instanceof RedeliverJob r) {
                r.done().complete(redelivered.get(redoIndex++));
            }
        }
        if (!appended.isEmpty()) {
            for (Runnable l : appendListeners) {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    LOG.warn("append listener failed", e);
                }
            }
        }
        for (MaintenanceJob m : maintenance) {
            maintain();
            m.done().complete(null);
        }
    }

    private void fail(Job j, Throwable t) {
        if (j instanceof AppendJob a) {
            a.done().completeExceptionally(t);
        } else if (j instanceof AckJob k) {
            k.done().completeExceptionally(t);
        } else if (j instanceof RedeliverJob r) {
            r.done().completeExceptionally(t);
        } else if (j instanceof MaintenanceJob m) {
            m.done().completeExceptionally(t);
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement ps = writer.prepareStatement("UPDATE journal_meta SET value = ? WHERE key = ?")) {
            ps.setString(1, value);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    private void maintain() {
        lastMaintenanceMs = clock.millis();
        try {
            long cutoffUs = micros(clock.instant().minus(settings.retention()));
            long purged = 0;
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM events WHERE seq IN (SELECT seq FROM events "
                    + "WHERE delivered_us IS NOT NULL AND delivered_us < ? LIMIT 5000)")) {
                int n;
                do {
                    ps.setLong(1, cutoffUs);
                    n = ps.executeUpdate();
                    writer.commit();
                    purged += n;
                } while (n > 0);
            }
            if (purged > 0) {
                LOG.info("purged {} delivered events older than {}", purged, settings.retention());
            }
            checkQuota();
            writer.commit();
            writer.setAutoCommit(true);
            try (Statement st = writer.createStatement()) {
                long pages = scalar(st, "PRAGMA page_count");
                long free = scalar(st, "PRAGMA freelist_count");
                // Keep some free pages for reuse; give the rest back so the file shrinks after an outage.
                if (free > 256 && free * 4 > pages) {
                    st.execute("PRAGMA incremental_vacuum(" + (free - 128) + ")");
                }
                try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    rs.next();
                }
            } finally {
                writer.setAutoCommit(false);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("journal maintenance failed; it is retried at the next interval", e);
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // nothing more to undo
            }
        }
    }

    /** Bytes in use by live pages (free pages are reused before the file grows). */
    public long usedBytes() throws SQLException {
        synchronized (reader) {
            try (Statement st = reader.createStatement()) {
                return (scalar(st, "PRAGMA page_count") - scalar(st, "PRAGMA freelist_count")) * pageSize;
            }
        }
    }

    private long writerUsedBytes() throws SQLException {
        try (Statement st = writer.createStatement()) {
            return (scalar(st, "PRAGMA page_count") - scalar(st, "PRAGMA freelist_count")) * pageSize;
        }
    }

    private void checkQuota() {
        bytesSinceQuotaCheck = 0;
        long quota = settings.quotaBytes();
        try {
            long used = writerUsedBytes();
            if (used <= quota) {
                return;
            }
            long target = quota - quota / 10;
            // Delivered events first: the central already has them, only the pull window shrinks.
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM events WHERE seq IN (SELECT seq FROM events "
                    + "WHERE delivered_us IS NOT NULL ORDER BY seq LIMIT " + EVICT_CHUNK + ")")) {
                while (used > target && ps.executeUpdate() > 0) {
                    used = writerUsedBytes();
                }
            }
            writer.commit();
            if (used <= target) {
                return;
            }
            List<long[]> ranges = new ArrayList<>();
            long evicted = 0;
            try (PreparedStatement pick = writer.prepareStatement("SELECT seq FROM events WHERE delivered_us IS NULL AND "
                    + "priority = " + Priority.TELEMETRY.ordinal() + " ORDER BY seq LIMIT " + EVICT_CHUNK);
                    PreparedStatement del = writer.prepareStatement("DELETE FROM events WHERE seq = ?")) {
                while (used > target) {
                    List<Long> seqs = new ArrayList<>(EVICT_CHUNK);
                    try (ResultSet rs = pick.executeQuery()) {
                        while (rs.next()) {
                            seqs.add(rs.getLong(1));
                        }
                    }
                    if (seqs.isEmpty()) {
                        break;
                    }
                    for (long s : seqs) {
                        del.setLong(1, s);
                        del.addBatch();
                        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == s - 1) {
                            ranges.get(ranges.size() - 1)[1] = s;
                        } else {
                            ranges.add(new long[] {s, s});
                        }
                    }
                    del.executeBatch();
                    evicted += seqs.size();
                    used = writerUsedBytes();
                }
            }
            long seqBefore = lastSeq;
            List<GateEvent> announced = new ArrayList<>();
            try {
                if (evicted > 0) {
                    for (int i = 0; i < ranges.size(); i += RANGES_PER_ANNOUNCEMENT) {
                        List<long[]> part = ranges.subList(i, Math.min(ranges.size(), i + RANGES_PER_ANNOUNCEMENT));
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("reason", "outbox quota reached");
                        p.put("quotaBytes", quota);
                        p.put("evictedEvents", part.stream().mapToLong(r -> r[1] - r[0] + 1).sum());
                        p.put("ranges", part.stream().map(r -> List.of(r[0], r[1])).toList());
                        announced.add(insertInternal(EventType.TELEMETRY_EVICTED, p));
                    }
                }
                if (!quotaEvicting) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("alarm", "OUTBOX_QUOTA_REACHED");
                    p.put("quotaBytes", quota);
                    p.put("usedBytes", used);
                    p.put("evictedTelemetry", evicted);
                    p.put("criticalKept", true);
                    announced.add(insertInternal(EventType.ALARM, p));
                }
                setMeta("last_seq", Long.toString(lastSeq));
                writer.commit();
            } catch (SQLException e) {
                lastSeq = seqBefore;
                writer.rollback();
                throw e;
            }
            lastSeqCommitted = lastSeq;
            pending = pending - evicted + announced.size();
            evictedTotal += evicted;
            quotaEvicting = true;
            degradedReason = used > quota
                    ? "outbox quota of " + quota + " bytes exceeded by CRITICAL events (never evicted); " + evictedTotal + " TELEMETRY events evicted"
                    : "outbox quota of " + quota + " bytes reached; " + evictedTotal + " TELEMETRY events evicted";
            LOG.warn("{}; evicted ranges {}", degradedReason, ranges.stream().map(r -> r[0] + "-" + r[1]).toList());
            for (Runnable l : appendListeners) {
                l.run();
            }
        } catch (SQLException e) {
            LOG.error("quota check failed", e);
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // nothing more to undo
            }
        }
    }

    private GateEvent insertInternal(EventType type, Map<String, Object> payload) throws SQLException {
        String id = ids.nextId();
        Instant now = clock.instant();
        long seq = ++lastSeq;
        try (PreparedStatement ins = writer.prepareStatement("INSERT INTO events(seq, id, type, lane_id, priority, "
                + "time_us, payload, appended_ms) VALUES (?,?,?,NULL,?,?,?,?)")) {
            ins.setLong(1, seq);
            ins.setString(2, id);
            ins.setString(3, type.name());
            ins.setInt(4, Priority.CRITICAL.ordinal());
            ins.setLong(5, micros(now));
            ins.setString(6, JSON.writeValueAsString(payload));
            ins.setLong(7, now.toEpochMilli());
            ins.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
        return new GateEvent(id, settings.gatewayId(), epoch, seq, type, null, Priority.CRITICAL, now, payload);
    }

    // ---- reads -------------------------------------------------------------------------------------

    @Override
    public List<GateEvent> readAfter(long afterSeq, int limit) {
        return query("SELECT " + EVENT_COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit);
    }

    @Override
    public List<GateEvent> pendingAfter(Priority priority, long afterSeq, int limit) {
        return query("SELECT " + EVENT_COLUMNS + " FROM events WHERE delivered_us IS NULL AND priority = "
                + priority.ordinal() + " AND seq > ? ORDER BY seq LIMIT ?", afterSeq, limit);
    }

    private List<GateEvent> query(String sql, long afterSeq, int limit) {
        List<GateEvent> out = new ArrayList<>(Math.min(limit, 1024));
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql)) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new GateEvent(rs.getString(2), settings.gatewayId(), epoch, rs.getLong(1),
                                EventType.valueOf(rs.getString(3)), rs.getString(4), Priority.values()[rs.getInt(5)],
                                instant(rs.getLong(6)), JSON.readValue(rs.getString(7), MAP)));
                    }
                }
            } catch (SQLException | IOException | RuntimeException e) {
                LOG.warn("journal read failed: {}", e.toString());
            }
        }
        return out;
    }

    @Override
    public OutboxStats stats() {
        long oldestAge = 0;
        synchronized (reader) {
            try (Statement st = reader.createStatement();
                    ResultSet rs = st.executeQuery("SELECT MIN(a) FROM (SELECT (SELECT appended_ms FROM events WHERE delivered_us IS NULL "
                            + "AND priority = 0 ORDER BY seq LIMIT 1) AS a UNION ALL SELECT (SELECT appended_ms FROM events "
                            + "WHERE delivered_us IS NULL AND priority = 1 ORDER BY seq LIMIT 1))")) {
                if (rs.next()) {
                    long oldest = rs.getLong(1);
                    oldestAge = rs.wasNull() ? 0 : Math.max(0, clock.millis() - oldest);
                }
            } catch (SQLException e) {
                LOG.warn("stats read failed: {}", e.toString());
            }
        }
        return new OutboxStats(epoch, lastSeqCommitted, pending, oldestAge, lastAckSeq, degradedReason);
    }

    public long epoch() {
        return epoch;
    }

    public Path file() {
        return settings.file();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(new StopJob());
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (reader) {
            closeQuietly(reader);
        }
        closeQuietly(writer);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** Straight to the driver: DriverManager does not see drivers across OSGi class loaders. */
    static Connection connect(String url) throws SQLException {
        return org.sqlite.JDBC.createConnection(url, new java.util.Properties());
    }

    private static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing is best effort
        }
    }
}
