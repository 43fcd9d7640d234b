package org.borderedge.sim.lane;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventIds;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.outbox.OutboxStats;

/**
 * A minimal power-loss-durable journal for benchmarks while the real outbox lives on another branch:
 * SQLite WAL with synchronous=FULL, one transaction per append, payload as JSON. No group commit, so it
 * is the pessimistic cost of a lone lane's append.
 */
public final class SqliteJournal implements Outbox, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection connection;
    private final PreparedStatement insert;
    private final EventIds ids = new EventIds(java.time.Clock.systemUTC());
    private long seq;

    public SqliteJournal(Path file) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL,"
                    + " lane TEXT, priority TEXT NOT NULL, time TEXT NOT NULL, payload TEXT NOT NULL)");
        }
        insert = connection.prepareStatement("INSERT INTO events VALUES (?,?,?,?,?,?,?)");
    }

    @Override
    public synchronized GateEvent append(EventDraft d) throws OutboxException {
        try {
            GateEvent e = new GateEvent(ids.nextId(), "bench", 1, seq + 1, d.type(), d.laneId(), d.priority(), d.time(), d.payload());
            insert.setLong(1, e.seq());
            insert.setString(2, e.id());
            insert.setString(3, e.type().name());
            insert.setString(4, e.laneId());
            insert.setString(5, e.priority().name());
            insert.setString(6, e.time().toString());
            insert.setString(7, JSON.writeValueAsString(e.payload()));
            insert.executeUpdate();
            seq++;
            return e;
        } catch (Exception ex) {
            throw new OutboxException("append failed", ex);
        }
    }

    /** One transaction and one sync for the whole step. */
    @Override
    public synchronized List<GateEvent> appendAll(List<EventDraft> drafts) throws OutboxException {
        long before = seq;
        try {
            connection.setAutoCommit(false);
            List<GateEvent> out = new java.util.ArrayList<>(drafts.size());
            for (EventDraft d : drafts) {
                out.add(append(d));
            }
            connection.commit();
            return out;
        } catch (OutboxException | SQLException e) {
            seq = before;
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the append already failed
            }
            throw e instanceof OutboxException oe ? oe : new OutboxException("append failed", e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // reported by the next append
            }
        }
    }

    @Override
    public List<GateEvent> readAfter(long afterSeq, int limit) {
        return List.of();
    }

    /** Events of a type journalled so far (tests). */
    public synchronized long count(org.borderedge.core.EventType type) {
        try (PreparedStatement q = connection.prepareStatement("SELECT count(*) FROM events WHERE type = ?")) {
            q.setString(1, type.name());
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized OutboxStats stats() {
        return new OutboxStats(1, seq, 0, 0, 0, "");
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
