package org.borderedge.sync.mqtt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.core.Plate;
import org.borderedge.core.ReferenceData;
import org.borderedge.core.WatchlistEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference data from the central, kept in its own SQLite file so lanes decide offline and after a
 * restart. Reads come from an immutable in-memory view swapped after each applied update; writes
 * happen in one transaction per snapshot or delta. Also remembers command ids until they expire,
 * so a replayed command is refused even after a restart.
 */
public final class ReferenceStore implements ReferenceData, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final Clock clock;
    private volatile View view;

    /** Everything lanes read, immutable; replaced as a whole. */
    private record View(long version, Instant refreshedAt, Map<String, Declaration> byId, Map<String, Declaration> byPlate,
            Map<String, Declaration> byContainer, Map<String, WatchlistEntry> watchlist, Map<String, String> seals,
            Map<String, String> rules) {
    }

    /** Refusal of an update, with the reason that goes into the reply. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private ReferenceStore(Connection db, Clock clock) throws SQLException {
        this.db = db;
        this.clock = clock;
        this.view = load();
    }

    /** Opens the store; an unreadable file is moved aside (the central re-sends a snapshot on the next birth). */
    public static ReferenceStore open(Path file, Clock clock) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SQLException("cannot create folder of " + file, e);
        }
        try {
            return new ReferenceStore(openChecked(file), clock);
        } catch (SQLException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
            LOG.error("reference data {} unreadable ({}); moved to {}, waiting for a new snapshot", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
            } catch (IOException io) {
                throw new SQLException("cannot move unreadable " + file, io);
            }
            return new ReferenceStore(openChecked(file), clock);
        }
    }

    private static Connection openChecked(Path file) throws SQLException {
        Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new java.util.Properties());
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                if (!rs.next() || !"ok".equals(rs.getString(1))) {
                    throw new SQLException("integrity check failed");
                }
            }
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("CREATE TABLE IF NOT EXISTS ref_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS declarations(id TEXT PRIMARY KEY, json TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS watchlist(subject TEXT NOT NULL, value TEXT NOT NULL, reason TEXT, PRIMARY KEY(subject, value))");
            st.execute("CREATE TABLE IF NOT EXISTS seals(seal_id TEXT PRIMARY KEY, declaration_id TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS rules(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS seen_commands(id TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL)");
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private View load() throws SQLException {
        Map<String, Declaration> byId = new HashMap<>();
        Map<String, WatchlistEntry> watch = new HashMap<>();
        Map<String, String> seals = new HashMap<>();
        Map<String, String> rules = new HashMap<>();
        long version = 0;
        Instant refreshed = null;
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT key, value FROM ref_meta")) {
                while (rs.next()) {
                    if ("version".equals(rs.getString(1))) {
                        version = Long.parseLong(rs.getString(2));
                    } else if ("refreshed_at".equals(rs.getString(1))) {
                        refreshed = Instant.parse(rs.getString(2));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT json FROM declarations")) {
                while (rs.next()) {
                    Declaration d = declaration(JSON.readTree(rs.getString(1)));
                    byId.put(d.id(), d);
                }
            } catch (IOException | Refused e) {
                throw new SQLException("stored declaration unreadable", e);
            }
            try (ResultSet rs = st.executeQuery("SELECT subject, value, reason FROM watchlist")) {
                while (rs.next()) {
                    WatchlistEntry w = new WatchlistEntry(WatchlistEntry.Subject.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3));
                    watch.put(key(w.subject(), w.value()), w);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT seal_id, declaration_id FROM seals")) {
                while (rs.next()) {
                    seals.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT key, value FROM rules")) {
                while (rs.next()) {
                    rules.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return view(version, refreshed, byId, watch, seals, rules);
    }

    private static View view(long version, Instant refreshed, Map<String, Declaration> byId, Map<String, WatchlistEntry> watch,
            Map<String, String> seals, Map<String, String> rules) {
        Map<String, Declaration> byPlate = new HashMap<>();
        Map<String, Declaration> byContainer = new HashMap<>();
        for (Declaration d : byId.values()) {
            d.plates().forEach(p -> byPlate.put(p, d));
            d.containers().forEach(c -> byContainer.put(c.toUpperCase(java.util.Locale.ROOT), d));
        }
        return new View(version, refreshed, Map.copyOf(byId), Map.copyOf(byPlate), Map.copyOf(byContainer), Map.copyOf(watch),
                Map.copyOf(seals), Map.copyOf(rules));
    }

    private static String key(WatchlistEntry.Subject s, String value) {
        String v = s == WatchlistEntry.Subject.PLATE ? Plate.normalise(value) : value.strip().toUpperCase(java.util.Locale.ROOT);
        return s + ":" + v;
    }

    /**
     * Applies a snapshot (replaces everything) or a delta (needs {@code baseVersion} equal to the
     * current version). Refused without any change: an older or equal version (no rollback), a
     * delta on another base, a malformed entry.
     *
     * @return a short summary for the reply and the journal
     */
    public synchronized Map<String, Object> apply(JsonNode body) throws Refused, SQLException {
        String kind = text(body, "kind");
        long version = number(body, "version");
        View current = view;
        if (version <= current.version()) {
            throw new Refused("version " + version + " is not newer than the applied version " + current.version());
        }
        boolean snapshot;
        if ("snapshot".equals(kind)) {
            snapshot = true;
        } else if ("delta".equals(kind)) {
            snapshot = false;
            long base = number(body, "baseVersion");
            if (base != current.version()) {
                throw new Refused("delta is based on version " + base + " but version " + current.version()
                        + " is applied; a snapshot is needed");
            }
        } else {
            throw new Refused("kind must be snapshot or delta, was " + kind);
        }
        Map<String, Declaration> byId = snapshot ? new HashMap<>() : new HashMap<>(current.byId());
        Map<String, WatchlistEntry> watch = snapshot ? new HashMap<>() : new HashMap<>(current.watchlist());
        Map<String, String> seals = snapshot ? new HashMap<>() : new HashMap<>(current.seals());
        Map<String, String> rules = snapshot ? new HashMap<>() : new HashMap<>(current.rules());
        for (JsonNode id : array(body, "removeDeclarations")) {
            byId.remove(id.asText());
        }
        for (JsonNode d : array(body, "declarations")) {
            Declaration decl = declaration(d);
            byId.put(decl.id(), decl);
        }
        for (JsonNode w : array(body, "removeWatchlist")) {
            watch.remove(key(subject(w), text(w, "value")));
        }
        for (JsonNode w : array(body, "watchlist")) {
            WatchlistEntry e = new WatchlistEntry(subject(w), text(w, "value"), w.path("reason").asText(""));
            watch.put(key(e.subject(), e.value()), e);
        }
        for (JsonNode s : array(body, "removeSeals")) {
            seals.remove(s.asText());
        }
        JsonNode sealMap = body.path("seals");
        if (!sealMap.isMissingNode() && !sealMap.isObject()) {
            throw new Refused("seals must be an object of sealId -> declarationId");
        }
        sealMap.fields().forEachRemaining(e -> seals.put(e.getKey(), e.getValue().asText()));
        JsonNode ruleMap = body.path("ruleParameters");
        if (!ruleMap.isMissingNode() && !ruleMap.isObject()) {
            throw new Refused("ruleParameters must be an object");
        }
        ruleMap.fields().forEachRemaining(e -> rules.put(e.getKey(), e.getValue().asText()));
        Instant now = clock.instant();
        persist(byId, watch, seals, rules, version, now);
        view = view(version, now, byId, watch, seals, rules);
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("kind", kind);
        summary.put("version", version);
        summary.put("declarations", byId.size());
        summary.put("watchlist", watch.size());
        summary.put("seals", seals.size());
        return summary;
    }

    private void persist(Map<String, Declaration> byId, Map<String, WatchlistEntry> watch, Map<String, String> seals,
            Map<String, String> rules, long version, Instant now) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            // Rewriting the tables keeps the code obvious; reference sets are thousands of rows, not millions.
            st.execute("DELETE FROM declarations");
            st.execute("DELETE FROM watchlist");
            st.execute("DELETE FROM seals");
            st.execute("DELETE FROM rules");
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO declarations(id, json) VALUES (?, ?)")) {
                for (Declaration d : byId.values()) {
                    ps.setString(1, d.id());
                    ps.setString(2, JSON.writeValueAsString(declarationJson(d)));
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException(e);
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO watchlist(subject, value, reason) VALUES (?, ?, ?)")) {
                for (WatchlistEntry w : watch.values()) {
                    ps.setString(1, w.subject().name());
                    ps.setString(2, w.value());
                    ps.setString(3, w.reason());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO seals(seal_id, declaration_id) VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : seals.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO rules(key, value) VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : rules.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO ref_meta(key, value) VALUES (?, ?)")) {
                ps.setString(1, "version");
                ps.setString(2, Long.toString(version));
                ps.executeUpdate();
                ps.setString(1, "refreshed_at");
                ps.setString(2, now.toString());
                ps.executeUpdate();
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /**
     * Records a command id until its expiry. Returns false if the id was already seen: a replay.
     * Also forgets ids whose commands have expired (they are refused as expired anyway).
     */
    public synchronized boolean firstSighting(String commandId, Instant expiresAt) throws SQLException {
        try (PreparedStatement purge = db.prepareStatement("DELETE FROM seen_commands WHERE expires_ms < ?")) {
            purge.setLong(1, clock.millis());
            purge.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO seen_commands(id, expires_ms) VALUES (?, ?)")) {
            ps.setString(1, commandId);
            ps.setLong(2, expiresAt.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    static Declaration declaration(JsonNode d) throws Refused {
        if (!d.isObject()) {
            throw new Refused("declaration must be an object");
        }
        String id = text(d, "id");
        Channel channel;
        try {
            channel = Channel.valueOf(text(d, "channel").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("declaration " + id + ": channel must be GREEN, YELLOW or RED");
        }
        BigDecimal gross = d.hasNonNull("declaredGrossKg") ? d.get("declaredGrossKg").decimalValue() : null;
        try {
            return new Declaration(id, strings(d, "plates"), strings(d, "containers"), strings(d, "sealIds"), gross, channel);
        } catch (IllegalArgumentException e) {
            throw new Refused("declaration " + id + ": " + e.getMessage());
        }
    }

    static ObjectNode declarationJson(Declaration d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", d.id());
        ArrayNode plates = n.putArray("plates");
        d.plates().forEach(plates::add);
        ArrayNode containers = n.putArray("containers");
        d.containers().forEach(containers::add);
        ArrayNode seals = n.putArray("sealIds");
        d.sealIds().forEach(seals::add);
        if (d.declaredGrossKg() != null) {
            n.put("declaredGrossKg", d.declaredGrossKg());
        }
        n.put("channel", d.channel().name());
        return n;
    }

    private static Set<String> strings(JsonNode d, String field) throws Refused {
        JsonNode a = d.path(field);
        if (a.isMissingNode() || a.isNull()) {
            return Set.of();
        }
        if (!a.isArray()) {
            throw new Refused(field + " must be an array");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode x : a) {
            if (!x.isTextual() || x.asText().isBlank()) {
                throw new Refused(field + " must hold non-empty strings");
            }
            out.add(x.asText());
        }
        return out;
    }

    private static WatchlistEntry.Subject subject(JsonNode w) throws Refused {
        try {
            return WatchlistEntry.Subject.valueOf(text(w, "subject").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("watchlist subject must be one of PLATE, CONTAINER, SEAL, DECLARANT");
        }
    }

    static String text(JsonNode n, String field) throws Refused {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Refused("missing or empty field " + field);
        }
        return v.asText();
    }

    static long number(JsonNode n, String field) throws Refused {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new Refused("missing or non-integer field " + field);
        }
        return v.asLong();
    }

    private static Iterable<JsonNode> array(JsonNode body, String field) throws Refused {
        JsonNode a = body.path(field);
        if (a.isMissingNode() || a.isNull()) {
            return java.util.List.of();
        }
        if (!a.isArray()) {
            throw new Refused(field + " must be an array");
        }
        return a;
    }

    @Override
    public Optional<Declaration> declarationById(String id) {
        return Optional.ofNullable(view.byId().get(id));
    }

    @Override
    public Optional<Declaration> declarationForPlate(Plate plate) {
        return Optional.ofNullable(view.byPlate().get(plate.text()));
    }

    @Override
    public Optional<Declaration> declarationForContainer(String containerNumber) {
        return Optional.ofNullable(view.byContainer().get(containerNumber.strip().toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public Optional<WatchlistEntry> watchlisted(WatchlistEntry.Subject subject, String value) {
        return Optional.ofNullable(view.watchlist().get(key(subject, value)));
    }

    @Override
    public Optional<String> sealAssignment(String sealId) {
        return Optional.ofNullable(view.seals().get(sealId));
    }

    @Override
    public Map<String, String> ruleParameters() {
        return view.rules();
    }

    @Override
    public long version() {
        return view.version();
    }

    @Override
    public Instant refreshedAt() {
        return view.refreshedAt();
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warn("closing reference store: {}", e.toString());
        }
    }
}
