package org.borderedge.resident.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.borderedge.lane.ResidentLedger;
import org.borderedge.lane.ResidentPurchase;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one resident ledger, {@code ${borderedge.data.dir}/resident-quota.db}, shared by all
 * resident-trade lanes (a resident may use any of them). Purchases older than the retention are purged
 * daily; they already reached the central as RESIDENT_PURCHASE events.
 */
@Component(service = ResidentLedger.class, configurationPid = ResidentLedgerComponent.PID)
@Designate(ocd = ResidentLedgerComponent.Config.class)
public final class ResidentLedgerComponent implements ResidentLedger {

    public static final String PID = "org.borderedge.resident";
    private static final Logger LOG = LoggerFactory.getLogger(ResidentLedgerComponent.class);

    @ObjectClassDefinition(name = "BorderEdge resident ledger", description = "Per-resident purchase totals of the resident-trade lanes")
    public @interface Config {
        @AttributeDefinition(name = "Database file", description = "Empty = resident-quota.db in the gateway's data folder")
        String databasePath() default "";

        @AttributeDefinition(name = "Retention (days)", description = "Purchases kept this long; longer than the longest quota period")
        int retentionDays() default 400;
    }

    private final SqliteResidentLedger ledger;
    private final ScheduledExecutorService retention;

    @Activate
    public ResidentLedgerComponent(BundleContext context, Config config) {
        String dataDir = context.getProperty("borderedge.data.dir");
        Path file = config.databasePath().isBlank()
                ? Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "resident-quota.db")
                : Path.of(config.databasePath());
        ledger = SqliteResidentLedger.open(file);
        Duration keep = Duration.ofDays(Math.max(40, config.retentionDays()));
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "resident-ledger-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(() -> {
            try {
                int n = ledger.purgeBefore(Clock.systemUTC().instant().minus(keep));
                if (n > 0) {
                    LOG.info("Resident ledger: purged {} purchases older than {} days", n, keep.toDays());
                }
            } catch (RuntimeException e) {
                LOG.warn("Resident ledger retention failed", e);
            }
        }, 1, 24 * 60, TimeUnit.MINUTES);
        LOG.info("Resident ledger at {}", file);
    }

    @Deactivate
    void deactivate() {
        retention.shutdownNow();
        ledger.close();
    }

    @Override
    public long usedVnd(String residentId, String period) {
        return ledger.usedVnd(residentId, period);
    }

    @Override
    public long record(ResidentPurchase purchase) {
        return ledger.record(purchase);
    }
}
