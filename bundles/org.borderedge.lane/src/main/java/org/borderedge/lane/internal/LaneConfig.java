package org.borderedge.lane.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.borderedge.core.LaneType;
import org.borderedge.core.Plate;

/**
 * A lane's frozen configuration: which checks apply, timeouts, tolerances, offline policy. Built once
 * from the OSGi configuration (or by tests) and validated here.
 */
public final class LaneConfig {

    public final String laneId;
    public final LaneType type;
    public final LaneType.Direction direction;
    /** A plate read is required to identify a vehicle (lanes with a plate camera). */
    public final boolean requirePlate;
    public final boolean checkWeight;
    public final boolean checkSeal;
    public final boolean checkContainers;
    /** Red channel: request a scan when the lane has a scanner; otherwise an officer inspects. */
    public final boolean scanOnRed;
    /** A CLEAR scan releases the vehicle automatically; otherwise an officer releases it. */
    public final boolean releaseOnScanClear;
    public final boolean hasExitLoop;
    /** Wait for the limit switches; without feedback a command the barrier accepted counts as done. */
    public final boolean barrierFeedback;
    public final Duration identificationTimeout;
    public final Duration weighingTimeout;
    /** How long consecutive STABLE readings must agree before the weight is taken. */
    public final Duration stableHold;
    public final BigDecimal stableBandKg;
    public final Duration sealTimeout;
    public final Duration scanTimeout;
    public final Duration barrierTimeout;
    public final Duration clearanceDelay;
    /** Alarm (once per cycle) when a vehicle stays under the open boom this long. */
    public final Duration stoppedUnderBoomAlarm;
    /** After the barrier device is online, how long to wait for the first loop reports. */
    public final Duration startupGrace;
    public final Duration startupTimeout;
    /** Observations seen before an arrival (QR shown early, seal read at the approach) are kept this long. */
    public final Duration preArrivalWindow;
    public final BigDecimal weightTolerancePct;
    public final BigDecimal weightToleranceKg;
    public final OfflinePolicy offlinePolicy;
    public final Duration maxReferenceAge;
    public final Set<String> offlineWhitelist;
    /** Resident-trade lanes: duty-free goods value per resident and period, in VND. */
    public final long residentQuotaVnd;
    public final QuotaPeriod residentQuotaPeriod;
    /** Where calendar days (weeks, months) of the quota period begin and end. */
    public final ZoneId residentZone;

    private LaneConfig(Builder b) {
        laneId = requireText(b.laneId, "lane.id");
        type = Objects.requireNonNull(b.type, "lane.type");
        direction = b.direction == null ? type.defaultDirection() : b.direction;
        requirePlate = b.requirePlate;
        checkWeight = b.checkWeight;
        checkSeal = b.checkSeal;
        checkContainers = b.checkContainers == null
                ? type == LaneType.PORT_GATE_IN || type == LaneType.PORT_GATE_OUT : b.checkContainers;
        scanOnRed = b.scanOnRed;
        releaseOnScanClear = b.releaseOnScanClear;
        hasExitLoop = b.hasExitLoop;
        barrierFeedback = b.barrierFeedback;
        identificationTimeout = positive(b.identificationTimeout, "identification timeout");
        weighingTimeout = positive(b.weighingTimeout, "weighing timeout");
        stableHold = notNegative(b.stableHold, "stable hold");
        stableBandKg = b.stableBandKg;
        sealTimeout = positive(b.sealTimeout, "seal timeout");
        scanTimeout = positive(b.scanTimeout, "scan timeout");
        barrierTimeout = positive(b.barrierTimeout, "barrier timeout");
        clearanceDelay = notNegative(b.clearanceDelay, "clearance delay");
        stoppedUnderBoomAlarm = positive(b.stoppedUnderBoomAlarm, "stopped-under-boom alarm");
        startupGrace = notNegative(b.startupGrace, "startup grace");
        startupTimeout = positive(b.startupTimeout, "startup timeout");
        preArrivalWindow = notNegative(b.preArrivalWindow, "pre-arrival window");
        if (b.weightTolerancePct.signum() < 0 || b.weightToleranceKg.signum() < 0) {
            throw new IllegalArgumentException("weight tolerances must not be negative");
        }
        weightTolerancePct = b.weightTolerancePct;
        weightToleranceKg = b.weightToleranceKg;
        offlinePolicy = Objects.requireNonNull(b.offlinePolicy, "offline policy");
        maxReferenceAge = positive(b.maxReferenceAge, "max reference age");
        if (b.residentQuotaVnd < 0) {
            throw new IllegalArgumentException("resident quota must not be negative: " + b.residentQuotaVnd);
        }
        residentQuotaVnd = b.residentQuotaVnd;
        residentQuotaPeriod = Objects.requireNonNull(b.residentQuotaPeriod, "resident quota period");
        residentZone = Objects.requireNonNull(b.residentZone, "resident quota zone");
        offlineWhitelist = b.offlineWhitelist.stream().map(Plate::normalise).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return s;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    private static Duration notNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }

    public static Builder builder(String laneId, LaneType type) {
        return new Builder(laneId, type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(laneId, type);
        b.direction = direction;
        b.requirePlate = requirePlate;
        b.checkWeight = checkWeight;
        b.checkSeal = checkSeal;
        b.checkContainers = checkContainers;
        b.scanOnRed = scanOnRed;
        b.releaseOnScanClear = releaseOnScanClear;
        b.hasExitLoop = hasExitLoop;
        b.barrierFeedback = barrierFeedback;
        b.identificationTimeout = identificationTimeout;
        b.weighingTimeout = weighingTimeout;
        b.stableHold = stableHold;
        b.stableBandKg = stableBandKg;
        b.sealTimeout = sealTimeout;
        b.scanTimeout = scanTimeout;
        b.barrierTimeout = barrierTimeout;
        b.clearanceDelay = clearanceDelay;
        b.stoppedUnderBoomAlarm = stoppedUnderBoomAlarm;
        b.startupGrace = startupGrace;
        b.startupTimeout = startupTimeout;
        b.preArrivalWindow = preArrivalWindow;
        b.weightTolerancePct = weightTolerancePct;
        b.weightToleranceKg = weightToleranceKg;
        b.offlinePolicy = offlinePolicy;
        b.maxReferenceAge = maxReferenceAge;
        b.offlineWhitelist = offlineWhitelist;
        b.residentQuotaVnd = residentQuotaVnd;
        b.residentQuotaPeriod = residentQuotaPeriod;
        b.residentZone = residentZone;
        return b;
    }

    /** Defaults are those of the OSGi configuration (LaneComponent.Config). */
    public static final class Builder {
        private final String laneId;
        private final LaneType type;
        private LaneType.Direction direction;
        private boolean requirePlate = true;
        private boolean checkWeight = true;
        private boolean checkSeal = true;
        private Boolean checkContainers;
        private boolean scanOnRed = true;
        private boolean releaseOnScanClear = true;
        private boolean hasExitLoop = true;
        private boolean barrierFeedback = true;
        private Duration identificationTimeout = Duration.ofSeconds(10);
        private Duration weighingTimeout = Duration.ofSeconds(30);
        private Duration stableHold = Duration.ZERO;
        private BigDecimal stableBandKg = BigDecimal.valueOf(20);
        private Duration sealTimeout = Duration.ofSeconds(15);
        private Duration scanTimeout = Duration.ofMinutes(3);
        private Duration barrierTimeout = Duration.ofSeconds(10);
        private Duration clearanceDelay = Duration.ofSeconds(2);
        private Duration stoppedUnderBoomAlarm = Duration.ofSeconds(60);
        private Duration startupGrace = Duration.ofSeconds(3);
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration preArrivalWindow = Duration.ofSeconds(30);
        private BigDecimal weightTolerancePct = BigDecimal.valueOf(5);
        private BigDecimal weightToleranceKg = BigDecimal.valueOf(500);
        private OfflinePolicy offlinePolicy = OfflinePolicy.DECIDE_ON_CACHE;
        private Duration maxReferenceAge = Duration.ofMinutes(15);
        private Set<String> offlineWhitelist = Set.of();
        private long residentQuotaVnd = 2_000_000;
        private QuotaPeriod residentQuotaPeriod = QuotaPeriod.DAY;
        private ZoneId residentZone = ZoneId.of("Asia/Ho_Chi_Minh");

        private Builder(String laneId, LaneType type) {
            this.laneId = laneId;
            this.type = type;
        }

        public Builder direction(LaneType.Direction v) { direction = v; return this; }
        public Builder requirePlate(boolean v) { requirePlate = v; return this; }
        public Builder checkWeight(boolean v) { checkWeight = v; return this; }
        public Builder checkSeal(boolean v) { checkSeal = v; return this; }
        public Builder checkContainers(boolean v) { checkContainers = v; return this; }
        public Builder scanOnRed(boolean v) { scanOnRed = v; return this; }
        public Builder releaseOnScanClear(boolean v) { releaseOnScanClear = v; return this; }
        public Builder hasExitLoop(boolean v) { hasExitLoop = v; return this; }
        public Builder barrierFeedback(boolean v) { barrierFeedback = v; return this; }
        public Builder identificationTimeout(Duration v) { identificationTimeout = v; return this; }
        public Builder weighingTimeout(Duration v) { weighingTimeout = v; return this; }
        public Builder stableHold(Duration v) { stableHold = v; return this; }
        public Builder stableBandKg(BigDecimal v) { stableBandKg = v; return this; }
        public Builder sealTimeout(Duration v) { sealTimeout = v; return this; }
        public Builder scanTimeout(Duration v) { scanTimeout = v; return this; }
        public Builder barrierTimeout(Duration v) { barrierTimeout = v; return this; }
        public Builder clearanceDelay(Duration v) { clearanceDelay = v; return this; }
        public Builder stoppedUnderBoomAlarm(Duration v) { stoppedUnderBoomAlarm = v; return this; }
        public Builder startupGrace(Duration v) { startupGrace = v; return this; }
        public Builder startupTimeout(Duration v) { startupTimeout = v; return this; }
        public Builder preArrivalWindow(Duration v) { preArrivalWindow = v; return this; }
        public Builder weightTolerancePct(BigDecimal v) { weightTolerancePct = v; return this; }
        public Builder weightToleranceKg(BigDecimal v) { weightToleranceKg = v; return this; }
        public Builder offlinePolicy(OfflinePolicy v) { offlinePolicy = v; return this; }
        public Builder maxReferenceAge(Duration v) { maxReferenceAge = v; return this; }
        public Builder offlineWhitelist(Set<String> v) { offlineWhitelist = Set.copyOf(v); return this; }
        public Builder residentQuotaVnd(long v) { residentQuotaVnd = v; return this; }
        public Builder residentQuotaPeriod(QuotaPeriod v) { residentQuotaPeriod = v; return this; }
        public Builder residentZone(ZoneId v) { residentZone = v; return this; }

        public LaneConfig build() {
            return new LaneConfig(this);
        }
    }
}
