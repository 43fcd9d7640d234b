package org.borderedge.outbox.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.borderedge.core.EventDraft;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Priority;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.outbox.OutboxStats;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The journal as an OSGi service. Gateway id and data folder come from the framework properties
 * {@code borderedge.gateway.id} and {@code borderedge.data.dir} set by the launcher.
 */
@Component(service = Outbox.class, configurationPid = "org.borderedge.outbox", immediate = true)
@Designate(ocd = OutboxConfig.class)
public final class OutboxComponent implements Outbox {

    private final SqliteJournal journal;

    @Activate
    public OutboxComponent(BundleContext context, OutboxConfig config) throws OutboxException {
        String gatewayId = orDefault(context.getProperty("borderedge.gateway.id"), "gateway");
        Path file = config.databasePath().isBlank()
                ? Path.of(orDefault(context.getProperty("borderedge.data.dir"), "data"), "outbox.db")
                : Path.of(config.databasePath());
        JournalSettings settings = new JournalSettings(file, gatewayId, config.quotaMb() * 1024 * 1024,
                Duration.ofDays(config.retentionDays()), config.maxBatch(), Duration.ofSeconds(config.maintenanceSeconds()));
        this.journal = SqliteJournal.open(settings, Clock.systemUTC());
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    @Deactivate
    void deactivate() {
        journal.close();
    }

    @Override
    public GateEvent append(EventDraft draft) throws OutboxException {
        return journal.append(draft);
    }

    @Override
    public CompletableFuture<GateEvent> appendAsync(EventDraft draft) {
        return journal.appendAsync(draft);
    }

    @Override
    public List<GateEvent> readAfter(long afterSeq, int limit) {
        return journal.readAfter(afterSeq, limit);
    }

    @Override
    public List<GateEvent> pendingAfter(Priority priority, long afterSeq, int limit) {
        return journal.pendingAfter(priority, afterSeq, limit);
    }

    @Override
    public CompletableFuture<Void> markDelivered(Collection<Long> seqs) {
        return journal.markDelivered(seqs);
    }

    @Override
    public int redeliverFrom(long fromSeq) throws OutboxException {
        return journal.redeliverFrom(fromSeq);
    }

    @Override
    public void addAppendListener(Runnable listener) {
        journal.addAppendListener(listener);
    }

    @Override
    public void removeAppendListener(Runnable listener) {
        journal.removeAppendListener(listener);
    }

    @Override
    public OutboxStats stats() {
        return journal.stats();
    }
}
