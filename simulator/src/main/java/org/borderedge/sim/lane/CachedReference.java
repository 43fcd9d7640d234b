package org.borderedge.sim.lane;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.borderedge.core.CentralLink;
import org.borderedge.core.Declaration;
import org.borderedge.core.Plate;
import org.borderedge.core.ReferenceData;
import org.borderedge.core.WatchlistEntry;
import org.borderedge.lane.internal.ReferenceSource;

/**
 * Reference data as the lane sees it right after a refresh with the central connected: declarations
 * only (no watchlist, seal assignments or rule overrides), looked up by id or plate in constant time.
 * For driving a lane engine outside the gateway (benchmarks, rigs). Not thread-safe while adding.
 */
public final class CachedReference implements ReferenceSource, ReferenceData, CentralLink {

    private final Map<String, Declaration> byPlate = new HashMap<>();
    private final Map<String, Declaration> byId = new HashMap<>();
    private final Instant refreshed;

    public CachedReference(Instant refreshed) {
        this.refreshed = refreshed;
    }

    public CachedReference add(Declaration d) {
        byId.put(d.id(), d);
        d.plates().forEach(p -> byPlate.put(p, d));
        return this;
    }

    @Override
    public ReferenceData data() {
        return this;
    }

    @Override
    public CentralLink link() {
        return this;
    }

    @Override
    public Optional<Declaration> declarationById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Declaration> declarationForPlate(Plate plate) {
        return Optional.ofNullable(byPlate.get(plate.text()));
    }

    @Override
    public Optional<Declaration> declarationForContainer(String containerNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<WatchlistEntry> watchlisted(WatchlistEntry.Subject subject, String value) {
        return Optional.empty();
    }

    @Override
    public Optional<String> sealAssignment(String sealId) {
        return Optional.empty();
    }

    @Override
    public Map<String, String> ruleParameters() {
        return Map.of();
    }

    @Override
    public long version() {
        return 1;
    }

    @Override
    public Instant refreshedAt() {
        return refreshed;
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public Instant lastContact() {
        return refreshed;
    }
}
