package org.borderedge.lane.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.borderedge.core.CentralLink;
import org.borderedge.core.LaneType;
import org.borderedge.core.ReferenceData;
import org.borderedge.core.Ticker;
import org.borderedge.device.Device;
import org.borderedge.lane.Lane;
import org.borderedge.lane.LaneListener;
import org.borderedge.lane.LaneSnapshot;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.ResidentLedger;
import org.borderedge.lane.StageStat;
import org.borderedge.outbox.Outbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane from one factory configuration (the site file's lanes list). Thin: it binds the lane's
 * devices (by their {@code lane.id} service property, plus shared devices named in {@code device.ids}),
 * the outbox and the reference data, and drives a {@link LaneRuntime} with a 100 ms timer of its own,
 * so a stuck lane never delays another.
 */
@Component(service = Lane.class, configurationPid = LaneComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LaneComponent.Config.class, factory = true)
public class LaneComponent implements Lane {

    public static final String PID = "org.borderedge.lane";
    private static final Logger LOG = LoggerFactory.getLogger(LaneComponent.class);

    @ObjectClassDefinition(name = "BorderEdge lane", description = "One lane of the checkpoint: checks, timeouts, tolerances, offline policy")
    public @interface Config {
        @AttributeDefinition(name = "Lane id")
        String lane_id();

        @AttributeDefinition(name = "Lane type", description = "road-import, road-export, port-gate-in, port-gate-out, resident-trade")
        String lane_type();

        @AttributeDefinition(name = "Direction", description = "in, out, or empty for the lane type's default")
        String direction() default "";

        @AttributeDefinition(name = "Shared devices", description = "Ids of devices serving this lane without its lane.id (e.g. a shared scanner)")
        String[] device_ids() default {};

        @AttributeDefinition(name = "Require a plate read")
        boolean check_plate() default true;

        @AttributeDefinition(name = "Weigh", description = "Compare a stable weight with the declared gross weight")
        boolean check_weight() default true;

        @AttributeDefinition(name = "Check e-seals")
        boolean check_seal() default true;

        @AttributeDefinition(name = "Check containers", description = "auto (port lanes), true or false")
        String check_containers() default "auto";

        @AttributeDefinition(name = "Scan red channel", description = "Request a scan for red-channel vehicles when a scanner serves the lane")
        boolean scan_on_red() default true;

        @AttributeDefinition(name = "Release on CLEAR scan")
        boolean scan_clear_releases() default true;

        @AttributeDefinition(name = "Lane has an exit loop")
        boolean exit_loop() default true;

        @AttributeDefinition(name = "Barrier reports limit switches")
        boolean barrier_feedback() default true;

        long identification_timeout_ms() default 10_000;

        long weighing_timeout_ms() default 30_000;

        @AttributeDefinition(name = "Stable weight hold (ms)", description = "How long STABLE readings must agree before the weight is taken")
        long weighing_stable_hold_ms() default 0;

        double weighing_stable_band_kg() default 20;

        long seal_timeout_ms() default 15_000;

        long scan_timeout_ms() default 180_000;

        long barrier_timeout_ms() default 10_000;

        @AttributeDefinition(name = "Clearance delay (ms)", description = "Safety loop must be clear this long before CLOSE")
        long clearance_delay_ms() default 2_000;

        long stopped_alarm_ms() default 60_000;

        long startup_grace_ms() default 3_000;

        long startup_timeout_ms() default 60_000;

        long pre_arrival_window_ms() default 30_000;

        double weight_tolerance_pct() default 5;

        double weight_tolerance_kg() default 500;

        @AttributeDefinition(name = "Offline policy", description = "DECIDE_ON_CACHE or HOLD_EXCEPT_WHITELIST")
        String offline_policy() default "DECIDE_ON_CACHE";

        @AttributeDefinition(name = "Max reference data age (s)", description = "Older link contact or reference data means offline")
        long offline_max_age_s() default 900;

        @AttributeDefinition(name = "Offline whitelist", description = "Plates released on the cache even under HOLD_EXCEPT_WHITELIST")
        String[] offline_whitelist() default {};

        long tick_ms() default 100;

        @AttributeDefinition(name = "Resident quota (VND)", description = "resident-trade lanes: duty-free goods value per resident and period; the central's rule parameter resident.quota.vnd overrides it")
        long resident_quota_vnd() default 2_000_000;

        @AttributeDefinition(name = "Resident quota period", description = "DAY, WEEK or MONTH (calendar, in the quota zone); rule parameter resident.quota.period overrides it")
        String resident_quota_period() default "DAY";

        @AttributeDefinition(name = "Resident quota zone", description = "Time zone in which quota days begin")
        String resident_quota_zone() default "Asia/Ho_Chi_Minh";
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReferenceData referenceData;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile CentralLink centralLink;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ResidentLedger residentLedger;

    private final List<Device> allDevices = new CopyOnWriteArrayList<>();
    private LaneRuntime runtime;
    private Set<String> sharedDeviceIds = Set.of();
    private ScheduledExecutorService timer;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindDevice(Device device) {
        allDevices.add(device);
        if (runtime != null && serves(device)) {
            runtime.bind(device);
        }
    }

    synchronized void unbindDevice(Device device) {
        allDevices.remove(device);
        if (runtime != null && serves(device)) {
            runtime.unbind(device);
        }
    }

    private boolean serves(Device d) {
        return runtime.id().equals(d.laneId()) || sharedDeviceIds.contains(d.id());
    }

    @Activate
    synchronized void activate(Config config) {
        LaneConfig laneConfig = toLaneConfig(config);
        sharedDeviceIds = Set.copyOf(Arrays.asList(config.device_ids()));
        ReferenceSource refs = new ReferenceSource() {
            @Override
            public ReferenceData data() {
                return referenceData;
            }

            @Override
            public CentralLink link() {
                return centralLink;
            }

            @Override
            public ResidentLedger residentLedger() {
                return residentLedger;
            }
        };
        // One thread per lane processes its inputs and its timer: device callbacks return at once.
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lane-" + laneConfig.laneId);
            t.setDaemon(true);
            return t;
        });
        runtime = new LaneRuntime(laneConfig, Clock.systemUTC(), Ticker.system(), refs, () -> outbox, timer);
        for (Device d : allDevices) {
            if (serves(d)) {
                runtime.bind(d);
            }
        }
        LaneRuntime rt = runtime;
        timer.scheduleWithFixedDelay(() -> {
            try {
                rt.tick();
            } catch (RuntimeException e) {
                LOG.error("Lane {}: tick failed", laneConfig.laneId, e);
            }
        }, config.tick_ms(), Math.max(10, config.tick_ms()), TimeUnit.MILLISECONDS);
        LOG.info("Lane {} ({}) active", laneConfig.laneId, laneConfig.type.wireName());
    }

    static LaneConfig toLaneConfig(Config c) {
        LaneType type = LaneType.fromWireName(c.lane_type())
                .orElseThrow(() -> new IllegalArgumentException("unknown lane type '" + c.lane_type() + "'"));
        LaneConfig.Builder b = LaneConfig.builder(c.lane_id(), type)
                .requirePlate(c.check_plate())
                .checkWeight(c.check_weight())
                .checkSeal(c.check_seal())
                .scanOnRed(c.scan_on_red())
                .releaseOnScanClear(c.scan_clear_releases())
                .hasExitLoop(c.exit_loop())
                .barrierFeedback(c.barrier_feedback())
                .identificationTimeout(Duration.ofMillis(c.identification_timeout_ms()))
                .weighingTimeout(Duration.ofMillis(c.weighing_timeout_ms()))
                .stableHold(Duration.ofMillis(c.weighing_stable_hold_ms()))
                .stableBandKg(BigDecimal.valueOf(c.weighing_stable_band_kg()))
                .sealTimeout(Duration.ofMillis(c.seal_timeout_ms()))
                .scanTimeout(Duration.ofMillis(c.scan_timeout_ms()))
                .barrierTimeout(Duration.ofMillis(c.barrier_timeout_ms()))
                .clearanceDelay(Duration.ofMillis(c.clearance_delay_ms()))
                .stoppedUnderBoomAlarm(Duration.ofMillis(c.stopped_alarm_ms()))
                .startupGrace(Duration.ofMillis(c.startup_grace_ms()))
                .startupTimeout(Duration.ofMillis(c.startup_timeout_ms()))
                .preArrivalWindow(Duration.ofMillis(c.pre_arrival_window_ms()))
                .weightTolerancePct(BigDecimal.valueOf(c.weight_tolerance_pct()))
                .weightToleranceKg(BigDecimal.valueOf(c.weight_tolerance_kg()))
                .offlinePolicy(OfflinePolicy.valueOf(c.offline_policy().strip().toUpperCase(Locale.ROOT).replace('-', '_')))
                .maxReferenceAge(Duration.ofSeconds(c.offline_max_age_s()))
                .offlineWhitelist(Set.copyOf(Arrays.asList(c.offline_whitelist())))
                .residentQuotaVnd(c.resident_quota_vnd())
                .residentQuotaPeriod(QuotaPeriod.parse(c.resident_quota_period()).orElseThrow(() -> new IllegalArgumentException(
                        "resident.quota.period must be DAY, WEEK or MONTH, not '" + c.resident_quota_period() + "'")))
                .residentZone(java.time.ZoneId.of(c.resident_quota_zone().strip()));
        String dir = c.direction() == null ? "" : c.direction().strip();
        if (!dir.isEmpty()) {
            b.direction(LaneType.Direction.valueOf(dir.toUpperCase(Locale.ROOT)));
        }
        String containers = c.check_containers() == null ? "auto" : c.check_containers().strip().toLowerCase(Locale.ROOT);
        if (!containers.equals("auto")) {
            b.checkContainers(Boolean.parseBoolean(containers));
        }
        return b.build();
    }

    @Deactivate
    synchronized void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Device d : allDevices) {
            d.removeListener(runtime);
        }
        runtime = null;
    }

    @Override
    public String id() {
        return runtime.id();
    }

    @Override
    public LaneType type() {
        return runtime.type();
    }

    @Override
    public String state() {
        return runtime.state();
    }

    @Override
    public LaneSnapshot snapshot() {
        return runtime.snapshot();
    }

    @Override
    public ManualResult manual(ManualAction action, String user, String reason) {
        return runtime.manual(action, user, reason);
    }

    @Override
    public List<StageStat> stageStats() {
        return runtime.stageStats();
    }

    @Override
    public java.util.Map<String, List<StageStat>> stageStatsByChannel() {
        return runtime.stageStatsByChannel();
    }

    @Override
    public void addListener(LaneListener listener) {
        runtime.addListener(listener);
    }

    @Override
    public void removeListener(LaneListener listener) {
        runtime.removeListener(listener);
    }
}
