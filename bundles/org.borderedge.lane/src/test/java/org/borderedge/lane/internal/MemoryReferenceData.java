package org.borderedge.lane.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.borderedge.core.CentralLink;
import org.borderedge.core.Declaration;
import org.borderedge.core.Plate;
import org.borderedge.core.ReferenceData;
import org.borderedge.core.WatchlistEntry;

/** Cached declarations, watchlists and link state as a test arranges them. */
final class MemoryReferenceData implements ReferenceData, CentralLink, ReferenceSource {

    final Map<String, Declaration> declarations = new HashMap<>();
    final Map<String, WatchlistEntry> watchlist = new HashMap<>();
    final Map<String, String> params = new HashMap<>();
    volatile Instant refreshedAt;
    volatile boolean connected = true;
    volatile Instant lastContact;
    volatile boolean present = true;
    /** The resident ledger resident-trade lanes use; null = none. */
    volatile org.borderedge.lane.ResidentLedger residentLedger;

    MemoryReferenceData(Instant now) {
        refreshedAt = now;
        lastContact = now;
    }

    MemoryReferenceData declare(Declaration d) {
        declarations.put(d.id(), d);
        return this;
    }

    @Override
    public org.borderedge.lane.ResidentLedger residentLedger() {
        return residentLedger;
    }

    @Override
    public ReferenceData data() {
        return present ? this : null;
    }

    @Override
    public CentralLink link() {
        return present ? this : null;
    }

    @Override
    public Optional<Declaration> declarationById(String id) {
        return Optional.ofNullable(declarations.get(id));
    }

    @Override
    public Optional<Declaration> declarationForPlate(Plate plate) {
        return declarations.values().stream().filter(d -> d.coversPlate(plate)).findFirst();
    }

    @Override
    public Optional<Declaration> declarationForContainer(String containerNumber) {
        return declarations.values().stream().filter(d -> d.containers().contains(containerNumber)).findFirst();
    }

    @Override
    public Optional<WatchlistEntry> watchlisted(WatchlistEntry.Subject subject, String value) {
        WatchlistEntry e = watchlist.get(subject + ":" + value);
        return Optional.ofNullable(e);
    }

    void watch(WatchlistEntry.Subject subject, String value, String reason) {
        watchlist.put(subject + ":" + value, new WatchlistEntry(subject, value, reason));
    }

    @Override
    public Optional<String> sealAssignment(String sealId) {
        return Optional.empty();
    }

    @Override
    public Map<String, String> ruleParameters() {
        return params;
    }

    @Override
    public long version() {
        return 42;
    }

    @Override
    public Instant refreshedAt() {
        return refreshedAt;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public Instant lastContact() {
        return lastContact;
    }
}
