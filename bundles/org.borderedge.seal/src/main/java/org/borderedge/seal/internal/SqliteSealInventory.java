package org.borderedge.seal.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.device.Observation;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.seal.SealAction;
import org.borderedge.seal.SealInventory;
import org.borderedge.seal.SealRecord;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.SealTransition;
import org.borderedge.seal.SealTransition.Status;

/**
 * The inventory in one SQLite file (WAL, synchronous=FULL). A state change is written in a
 * transaction that commits only after its SEAL_LIFECYCLE event is durable in the journal, so the
 * inventory never shows a step the central will not hear of.
 */
public final class SqliteSealInventory implements SealInventory, AutoCloseable {

    private final Connection db;
    private final Outbox outbox;
    private final Clock clock;
    private final int lowBatteryPct;
    private final AtomicLong failures = new AtomicLong();

    public SqliteSealInventory(Path file, Outbox outbox, Clock clock, int lowBatteryPct) throws SQLException {
        this.outbox = outbox;
        this.clock = clock;
        this.lowBatteryPct = lowBatteryPct;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create folder of " + file + ": " + e.getMessage(), e);
        }
        // straight to the driver: DriverManager does not see bundle-provided drivers in OSGi
        db = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new java.util.Properties());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS seals (seal_id TEXT PRIMARY KEY, state TEXT NOT NULL, declaration_id TEXT NOT NULL,"
                    + " vehicle TEXT NOT NULL, lane_id TEXT NOT NULL, battery INTEGER, lock TEXT NOT NULL, last_seen INTEGER,"
                    + " fault TEXT NOT NULL, updated_at INTEGER NOT NULL)");
        }
    }

    long failures() {
        return failures.get();
    }

    @Override
    public synchronized List<SealRecord> list(SealState state) {
        List<SealRecord> out = new ArrayList<>();
        String sql = "SELECT * FROM seals" + (state == null ? "" : " WHERE state = ?") + " ORDER BY seal_id";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (state != null) {
                ps.setString(1, state.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        } catch (SQLException e) {
            failures.incrementAndGet();
        }
        return out;
    }

    @Override
    public synchronized Optional<SealRecord> find(String sealId) {
        try (PreparedStatement ps = db.prepareStatement("SELECT * FROM seals WHERE seal_id = ?")) {
            ps.setString(1, sealId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            failures.incrementAndGet();
            return Optional.empty();
        }
    }

    @Override
    public synchronized SealTransition transition(String sealId, SealRequest r) {
        if (sealId == null || sealId.isBlank()) {
            return new SealTransition(Status.INVALID, null, "seal id required");
        }
        Optional<SealRecord> before = find(sealId);
        SealLifecycle.Step step = SealLifecycle.next(before.map(SealRecord::state).orElse(null), r);
        if (!step.allowed()) {
            return new SealTransition(step.refusal(), before.orElse(null), step.reason());
        }
        SealRecord now = before.orElseGet(() -> blank(sealId));
        boolean assigning = r.action() == SealAction.ASSIGN;
        SealRecord after = new SealRecord(sealId, step.target(),
                assigning ? r.declarationId() : now.declarationId(),
                assigning ? r.vehicle() : now.vehicle(),
                now.laneId(), now.batteryPct(), now.lock(), now.lastSeen(),
                r.action() == SealAction.FAULT ? r.reason() : now.fault(), clock.instant());
        return commit(before.orElse(null), after, r.action(), r.user(), r.reason());
    }

    /**
     * A reader saw the seal: battery, lock and last seen are updated, and a tamper, a low battery or
     * an assigned seal seen locked changes its state (journalled like any transition).
     */
    public synchronized Optional<SealTransition> sighted(Observation.SealObserved o, String laneId, String deviceId) {
        if (o.sealId() == null || o.sealId().isBlank()) {
            return Optional.empty();
        }
        Optional<SealRecord> before = find(o.sealId());
        String where = (laneId == null || laneId.isEmpty() ? "" : "lane " + laneId + ", ") + "reader " + deviceId;
        Optional<SealLifecycle.Sighting> change = SealLifecycle.sighting(before.map(SealRecord::state).orElse(null),
                o.lock(), o.batteryPct(), lowBatteryPct, where);
        SealRecord now = before.orElseGet(() -> blank(o.sealId()));
        SealState state = change.map(SealLifecycle.Sighting::target).orElse(now.state());
        SealRecord after = new SealRecord(now.sealId(), state, now.declarationId(), now.vehicle(),
                laneId == null ? now.laneId() : laneId, o.batteryPct() == null ? now.batteryPct() : o.batteryPct(),
                o.lock() == null ? now.lock() : o.lock().name(), o.time(),
                change.isPresent() && state == SealState.FAULTY ? change.get().reason() : now.fault(),
                change.isPresent() ? clock.instant() : now.updatedAt());
        if (change.isEmpty()) {
            try {
                db.setAutoCommit(true);
                upsert(after);
            } catch (SQLException e) {
                failures.incrementAndGet();
            }
            return Optional.empty();
        }
        return Optional.of(commit(before.orElse(null), after, change.get().action(), "reader:" + deviceId, change.get().reason()));
    }

    private SealTransition commit(SealRecord before, SealRecord after, SealAction action, String user, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sealId", after.sealId());
        p.put("action", action.name());
        p.put("from", before == null ? null : before.state().name());
        p.put("to", after.state().name());
        p.put("user", user);
        p.put("reason", reason);
        p.put("declarationId", after.declarationId());
        p.put("vehicle", after.vehicle());
        p.put("batteryPct", after.batteryPct());
        p.put("lock", after.lock());
        try {
            db.setAutoCommit(false);
            upsert(after);
            outbox.append(EventDraft.of(EventType.SEAL_LIFECYCLE, after.laneId().isEmpty() ? null : after.laneId(),
                    clock.instant(), p));
            db.commit();
            return new SealTransition(Status.ACCEPTED, after, "");
        } catch (SQLException | OutboxException e) {
            failures.incrementAndGet();
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the transaction is gone with the connection; nothing was committed
            }
            return new SealTransition(Status.FAILED, before, "not recorded: " + e.getMessage());
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // reported by the next statement
            }
        }
    }

    private void upsert(SealRecord s) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO seals (seal_id, state, declaration_id, vehicle,"
                + " lane_id, battery, lock, last_seen, fault, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.sealId());
            ps.setString(2, s.state().name());
            ps.setString(3, s.declarationId());
            ps.setString(4, s.vehicle());
            ps.setString(5, s.laneId());
            if (s.batteryPct() == null) {
                ps.setNull(6, Types.INTEGER);
            } else {
                ps.setInt(6, s.batteryPct());
            }
            ps.setString(7, s.lock());
            if (s.lastSeen() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setLong(8, s.lastSeen().toEpochMilli());
            }
            ps.setString(9, s.fault());
            ps.setLong(10, s.updatedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private SealRecord blank(String id) {
        return new SealRecord(id, null, "", "", "", null, "", null, "", clock.instant());
    }

    private static SealRecord row(ResultSet rs) throws SQLException {
        int battery = rs.getInt("battery");
        Integer b = rs.wasNull() ? null : battery;
        long seen = rs.getLong("last_seen");
        Instant lastSeen = rs.wasNull() ? null : Instant.ofEpochMilli(seen);
        return new SealRecord(rs.getString("seal_id"), SealState.valueOf(rs.getString("state")), rs.getString("declaration_id"),
                rs.getString("vehicle"), rs.getString("lane_id"), b, rs.getString("lock"), lastSeen, rs.getString("fault"),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
