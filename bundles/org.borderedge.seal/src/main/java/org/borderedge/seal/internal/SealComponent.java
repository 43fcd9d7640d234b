package org.borderedge.seal.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.Observation;
import org.borderedge.outbox.Outbox;
import org.borderedge.seal.SealInventory;
import org.borderedge.seal.SealRecord;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.SealTransition;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The seal inventory as a service, fed by every e-seal reader's sightings. */
@Component(service = SealInventory.class, configurationPid = "org.borderedge.seal")
@Designate(ocd = SealConfig.class)
public final class SealComponent implements SealInventory {

    private static final Logger LOG = LoggerFactory.getLogger(SealComponent.class);

    private final SqliteSealInventory inventory;
    /** Sightings are handled off the reader's thread: the inventory writes to disk. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "seal-inventory"));
    private final DeviceListener listener = new DeviceListener() {
        @Override
        public void onObservation(Device source, Observation observation) {
            if (observation instanceof Observation.SealObserved s) {
                String lane = source.laneId();
                String device = source.id();
                worker.execute(() -> sighted(s, lane, device));
            }
        }
    };

    @Activate
    public SealComponent(BundleContext context, SealConfig config, @Reference Outbox outbox) throws SQLException {
        Path file;
        if (config.databasePath().isBlank()) {
            String dataDir = context.getProperty("borderedge.data.dir");
            file = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "seals.db");
        } else {
            file = Path.of(config.databasePath());
        }
        inventory = new SqliteSealInventory(file, outbox, Clock.systemUTC(), config.lowBatteryPct());
    }

    private void sighted(Observation.SealObserved s, String lane, String device) {
        try {
            inventory.sighted(s, lane, device).filter(t -> !t.accepted())
                    .ifPresent(t -> LOG.warn("Seal {} sighting not recorded: {}", s.sealId(), t.reason()));
        } catch (RuntimeException e) {
            LOG.warn("Seal {} sighting: {}", s.sealId(), e.toString());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(device.kind=eseal-reader)")
    void addReader(Device reader) {
        reader.addListener(listener);
    }

    void removeReader(Device reader) {
        reader.removeListener(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        inventory.close();
    }

    @Override
    public List<SealRecord> list(SealState state) {
        return inventory.list(state);
    }

    @Override
    public Optional<SealRecord> find(String sealId) {
        return inventory.find(sealId);
    }

    @Override
    public SealTransition transition(String sealId, SealRequest request) {
        return inventory.transition(sealId, request);
    }
}
