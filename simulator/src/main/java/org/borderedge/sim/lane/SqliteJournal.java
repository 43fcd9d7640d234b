package org.borderedge.sim.lane;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventIds;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.outbox.OutboxStats;

/**
 * A minimal power-loss-durable journal for benchmarks and tests while the real outbox lives on
 * another branch: SQLite WAL with synchronous=FULL, payload as JSON, and group commit the way the real
 * outbox does it: one writer thread stores everything queued so far in one transaction, so the events
 * of one lane step ({@link #appendAsync} in a row) share one sync.
 */
public final class SqliteJournal implements Outbox, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Pending(EventDraft draft, CompletableFuture<GateEvent> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final Connection connection;
    private final PreparedStatement insert;
    private final EventIds ids = new EventIds(java.time.Clock.systemUTC());
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile long seq;

    public SqliteJournal(Path file) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL,"
                    + " lane TEXT, priority TEXT NOT NULL, time TEXT NOT NULL, payload TEXT NOT NULL)");
        }
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO events VALUES (?,?,?,?,?,?,?)");
        writer = new Thread(this::write, "sqlite-journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public GateEvent append(EventDraft draft) throws OutboxException {
        try {
            return appendAsync(draft).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof OutboxException oe ? oe : new OutboxException("append failed", e.getCause());
        }
    }

    @Override
    public CompletableFuture<GateEvent> appendAsync(EventDraft draft) {
        CompletableFuture<GateEvent> done = new CompletableFuture<>();
        if (!writer.isAlive()) {
            done.completeExceptionally(new OutboxException("journal closed"));
            return done;
        }
        queue.add(new Pending(draft, done));
        return done;
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 999);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<GateEvent> stored = new ArrayList<>(batch.size());
        synchronized (connection) {
            long next = seq;
            try {
                for (Pending p : batch) {
                    EventDraft d = p.draft();
                    GateEvent e = new GateEvent(ids.nextId(), "bench", 1, ++next, d.type(), d.laneId(), d.priority(), d.time(),
                            d.payload());
                    insert.setLong(1, e.seq());
                    insert.setString(2, e.id());
                    insert.setString(3, e.type().name());
                    insert.setString(4, e.laneId());
                    insert.setString(5, e.priority().name());
                    insert.setString(6, e.time().toString());
                    insert.setString(7, JSON.writeValueAsString(e.payload()));
                    insert.executeUpdate();
                    stored.add(e);
                }
                connection.commit();
                seq = next;
            } catch (Exception ex) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the batch fails either way
                }
                for (Pending p : batch) {
                    p.done().completeExceptionally(new OutboxException("append failed", ex));
                }
                return;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(stored.get(i));
        }
    }

    @Override
    public List<GateEvent> readAfter(long afterSeq, int limit) {
        return List.of();
    }

    /** Events of a type journalled so far (tests). */
    public long count(EventType type) {
        synchronized (connection) {
            try (PreparedStatement q = connection.prepareStatement("SELECT count(*) FROM events WHERE type = ?")) {
                q.setString(1, type.name());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public OutboxStats stats() {
        return new OutboxStats(1, seq, 0, 0, 0, "");
    }

    @Override
    public void close() throws SQLException {
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (connection) {
            insert.close();
            connection.close();
        }
    }
}
