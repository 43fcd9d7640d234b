package org.borderedge.resident.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.borderedge.lane.ResidentLedger;
import org.borderedge.lane.ResidentPurchase;

/**
 * The resident ledger in one SQLite file: one row per released purchase, totals summed per resident
 * and period. WAL with synchronous=FULL: a recorded purchase survives power loss, because the lane opens
 * the barrier only after {@link #record} returned. One connection, serialised: a gate does a few
 * purchases a minute.
 */
public final class SqliteResidentLedger implements ResidentLedger, AutoCloseable {

    private final Path file;
    private final Connection db;

    private SqliteResidentLedger(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** @throws IllegalStateException naming the file when it cannot be opened or is not a ledger */
    public static SqliteResidentLedger open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            // Straight to the driver: DriverManager does not see drivers across OSGi class loaders.
            Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new Properties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS purchase (purchase_id TEXT PRIMARY KEY, resident_id TEXT NOT NULL,"
                        + " resident_name TEXT, period TEXT NOT NULL, value_vnd INTEGER NOT NULL, lane_id TEXT,"
                        + " time TEXT NOT NULL, over_quota INTEGER NOT NULL, released_by TEXT)");
                s.execute("CREATE INDEX IF NOT EXISTS purchase_by_resident ON purchase(resident_id, period)");
                s.execute("CREATE INDEX IF NOT EXISTS purchase_by_time ON purchase(time)");
            }
            return new SqliteResidentLedger(file, c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the resident ledger " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long usedVnd(String residentId, String period) {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT COALESCE(SUM(value_vnd), 0) FROM purchase WHERE resident_id = ? AND period = ?")) {
            q.setString(1, residentId);
            q.setString(2, period);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("resident ledger " + file + " unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long record(ResidentPurchase p) {
        try (PreparedStatement ins = db.prepareStatement("INSERT OR IGNORE INTO purchase (purchase_id, resident_id,"
                + " resident_name, period, value_vnd, lane_id, time, over_quota, released_by) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ins.setString(1, p.purchaseId());
            ins.setString(2, p.residentId());
            ins.setString(3, p.residentName());
            ins.setString(4, p.period());
            ins.setLong(5, p.valueVnd());
            ins.setString(6, p.laneId());
            ins.setString(7, p.time().toString());
            ins.setInt(8, p.overQuota() ? 1 : 0);
            ins.setString(9, p.releasedBy());
            ins.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("resident ledger " + file + " could not store purchase " + p.purchaseId()
                    + ": " + e.getMessage(), e);
        }
        return usedVnd(p.residentId(), p.period());
    }

    /** Deletes purchases recorded before {@code cutoff} (long past quota periods); returns how many. */
    public synchronized int purgeBefore(Instant cutoff) {
        try (PreparedStatement del = db.prepareStatement("DELETE FROM purchase WHERE time < ?")) {
            del.setString(1, cutoff.toString());
            return del.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("resident ledger " + file + " retention failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing: nothing left to protect
        }
    }
}
