package org.borderedge.evidence.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.borderedge.evidence.EvidenceException;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceRef;
import org.borderedge.evidence.EvidenceStats;
import org.borderedge.evidence.EvidenceStore;
import org.borderedge.outbox.Outbox;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The evidence store as a service, with the collector following the journal on its own thread. */
@Component(service = EvidenceStore.class, configurationPid = "org.borderedge.evidence")
@Designate(ocd = EvidenceConfig.class)
public final class EvidenceComponent implements EvidenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceComponent.class);

    private final SqliteEvidenceStore store;
    private final EvidenceCollector collector;
    private final Outbox outbox;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable onAppend = this::schedule;
    private final EvidencePusher pusher;
    private final ScheduledExecutorService pushWorker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "evidence-push"));

    @Activate
    public EvidenceComponent(BundleContext context, EvidenceConfig config, @Reference Outbox outbox) throws EvidenceException {
        String dataDir = context.getProperty("borderedge.data.dir");
        Path dir = config.directory().isBlank()
                ? Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "evidence")
                : Path.of(config.directory());
        this.outbox = outbox;
        this.store = new SqliteEvidenceStore(dir, config.quotaMb() * 1024 * 1024, Clock.systemUTC());
        this.collector = new EvidenceCollector(store, outbox, config.maxItemMb() * 1024 * 1024);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "evidence-collector"));
        try {
            outbox.addAppendListener(onAppend);
        } catch (UnsupportedOperationException e) {
            LOG.info("Outbox gives no append notifications; evidence follows the journal by polling");
        }
        worker.scheduleWithFixedDelay(this::drain, 0, Math.max(1, config.pollSeconds()), TimeUnit.SECONDS);
        if (config.pushUrl().isBlank()) {
            pusher = null;
        } else {
            pusher = new EvidencePusher(store, config.pushUrl(), config.pushToken(), config.pushMaxKb() * 1024);
            // its own thread: a slow central must not hold up filing evidence
            pushWorker.scheduleWithFixedDelay(this::push, 1, Math.max(1, config.pollSeconds()), TimeUnit.SECONDS);
        }
    }

    private void push() {
        try {
            while (pusher.pushPending(50) == 50) {
                // a backlog drains in rounds of 50 until the central stops confirming
            }
        } catch (RuntimeException e) {
            LOG.warn("Evidence push: {}", e.toString());
        }
    }

    /** Runs on the journal's writer thread: only hands over. */
    private void schedule() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        queued.set(false);
        try {
            collector.drain();
        } catch (RuntimeException e) {
            LOG.warn("Evidence collector: {}", e.toString());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        try {
            outbox.removeAppendListener(onAppend);
        } catch (UnsupportedOperationException e) {
            // never added
        }
        worker.shutdownNow();
        pushWorker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        pushWorker.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    @Override
    public EvidenceRef put(byte[] content, String mediaType, String laneId, String cycleId, String kind) throws EvidenceException {
        return store.put(content, mediaType, laneId, cycleId, kind);
    }

    @Override
    public Optional<EvidenceItem> find(String id) {
        return store.find(id);
    }

    @Override
    public List<EvidenceItem> forCycle(String cycleId) {
        return store.forCycle(cycleId);
    }

    @Override
    public List<EvidenceItem> latestDecided(String laneId) {
        return store.latestDecided(laneId);
    }

    @Override
    public InputStream open(String id, long offset, long length) throws EvidenceException {
        return store.open(id, offset, length);
    }

    @Override
    public void verify(String id) throws EvidenceException {
        store.verify(id);
    }

    @Override
    public void mark(String cycleId, String outcome, boolean synced) {
        store.mark(cycleId, outcome, synced);
    }

    @Override
    public boolean markSynced(String id, String sha256) {
        return store.markSynced(id, sha256);
    }

    @Override
    public EvidenceStats stats() {
        return store.stats();
    }
}
