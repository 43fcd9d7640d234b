package org.borderedge.seal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.outbox.internal.JournalSettings;
import org.borderedge.outbox.internal.SqliteJournal;
import org.borderedge.seal.SealRecord;
import org.borderedge.seal.SealState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component as DS wires it: an e-seal reader device's observations reach the inventory. */
class SealComponentTest {

    @TempDir
    Path dir;

    /** A reader device as ConfiguredDevice registers it: listeners and identity, nothing else needed here. */
    static final class Reader implements Device {
        final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();

        @Override public String id() { return "eseal-1"; }
        @Override public String kind() { return "eseal-reader"; }
        @Override public String laneId() { return "IMP-1"; }
        @Override public String profileId() { return "eseal-reader/test"; }
        @Override public String endpoint() { return ""; }
        @Override public DeviceStatus status() { return DeviceStatus.online(Instant.now()); }
        @Override public Instant lastSeen() { return Instant.now(); }
        @Override public Map<String, Long> counters() { return Map.of(); }
        @Override public void addListener(DeviceListener l) { listeners.add(l); }
        @Override public void removeListener(DeviceListener l) { listeners.remove(l); }
        @Override public CompletionStage<CommandResult> execute(DeviceCommand c) { return CompletableFuture.completedFuture(CommandResult.ok()); }

        void see(Observation o) {
            listeners.forEach(l -> l.onObservation(this, o));
        }
    }

    @Test
    void aReadersTamperReportFlagsTheSealAndARemovedReaderIsNoLongerHeard() throws Exception {
        Path db = dir.resolve("seals.db");
        SealConfig config = new SealConfig() {
            @Override public String databasePath() { return db.toString(); }
            @Override public int lowBatteryPct() { return 20; }
            @Override public Class<? extends Annotation> annotationType() { return SealConfig.class; }
        };
        try (SqliteJournal journal = SqliteJournal.open(JournalSettings.of(dir.resolve("outbox.db"), "gw-1"), Clock.systemUTC())) {
            SealComponent component = new SealComponent(null, config, journal);
            Reader reader = new Reader();
            component.addReader(reader);
            reader.see(new Observation.SealObserved("ES-5", Observation.SealLock.LOCKED, 64, null, null, Instant.now()));
            reader.see(new Observation.LoopChanged(Observation.Loop.PRESENCE, true, Instant.now()));
            reader.see(new Observation.SealObserved("ES-5", Observation.SealLock.TAMPERED, 63, null, null, Instant.now()));
            long until = System.nanoTime() + 10_000_000_000L;
            while (component.find("ES-5").map(SealRecord::state).orElse(null) != SealState.FAULTY && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            SealRecord s = component.find("ES-5").orElseThrow();
            assertEquals(SealState.FAULTY, s.state());
            assertEquals("IMP-1", s.laneId());
            assertEquals(63, s.batteryPct());
            assertTrue(s.fault().contains("reader eseal-1"), s.fault());

            component.removeReader(reader);
            assertEquals(0, reader.listeners.size());
            component.deactivate();
        }
    }
}
