package org.borderedge.lane.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.borderedge.core.CentralLink;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventIds;
import org.borderedge.core.EventType;
import org.borderedge.core.LaneType;
import org.borderedge.core.Plate;
import org.borderedge.core.ReferenceData;
import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceKinds;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.Loop;
import org.borderedge.lane.DecisionRecord;
import org.borderedge.lane.LaneSnapshot;
import org.borderedge.lane.LaneState;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.ResidentLedger;
import org.borderedge.lane.ResidentPurchase;
import org.borderedge.lane.RuleResult;
import org.borderedge.lane.Stage;
import org.borderedge.lane.Verdict;
import org.borderedge.lane.internal.rules.DecisionContext;
import org.borderedge.lane.internal.rules.PlateRule;
import org.borderedge.lane.internal.rules.Rules;
import org.borderedge.lane.internal.rules.ScanRule;

/**
 * The state machine of one lane. Pure: it takes inputs (observations, device status, ticks, manual
 * actions), reads reference data, the wall clock (for records) and the ticker (for every duration),
 * and produces effects (events to journal, device commands) in the order they must happen. It does no
 * I/O and is not thread-safe: {@link LaneRuntime} feeds it one input at a time.
 *
 * <p>Safety: every CLOSE goes through {@link #closeBarrier}, which asks the {@link SafetyInterlock}.
 */
public final class LaneEngine {

    private static final long NONE = Long.MAX_VALUE;

    private final LaneConfig cfg;
    private final Clock clock;
    private final Ticker ticker;
    private final ReferenceSource refs;
    private final Rules rules;
    private final EventIds ids;
    private final StageStatistics stats = new StageStatistics(1024);
    private final Map<String, StageStatistics> statsByChannel = new java.util.concurrent.ConcurrentHashMap<>();
    private final SafetyInterlock interlock;
    private final List<LaneEffect> effects = new ArrayList<>();

    private final Map<Loop, Boolean> loops = new EnumMap<>(Loop.class);
    private final Map<String, DeviceInfo> devices = new HashMap<>();
    private String loopSource;
    private BarrierPosition boom = BarrierPosition.UNKNOWN;
    /** The last barrier command we handed over; null if none yet. */
    private BarrierAction lastBarrierCommand;

    private LaneState state = LaneState.STARTING;
    private final long startedTick;
    private long barrierOnlineSince = NONE;
    private long deadline = NONE;
    private Cycle cycle;
    private final Pending pending = new Pending();
    private String alarm = "";
    private boolean changed = true;
    private Instant changedAt;

    private static final class DeviceInfo {
        final String kind;
        DeviceStatus status;
        boolean wasUp;
        boolean faulted;

        DeviceInfo(String kind, DeviceStatus status) {
            this.kind = kind;
            this.status = status;
        }

        boolean up() {
            return status != null && status.state() != DeviceState.OFFLINE;
        }
    }

    /** What arrived for the next vehicle while the current one is still in the lane. */
    private static final class Pending {
        long presenceTick = NONE;
        final List<Observation.PlateObserved> plates = new ArrayList<>();
        final List<Long> plateTicks = new ArrayList<>();
        Observation.QrObserved qr;
        long qrTick;
        final List<Observation.ContainerObserved> containers = new ArrayList<>();
        final List<Long> containerTicks = new ArrayList<>();
        Observation.SealObserved seal;
        long sealTick;

        boolean arrival() {
            return presenceTick != NONE || !plates.isEmpty();
        }

        void clear() {
            presenceTick = NONE;
            plates.clear();
            plateTicks.clear();
            qr = null;
            containers.clear();
            containerTicks.clear();
            seal = null;
        }
    }

    public LaneEngine(LaneConfig cfg, Clock clock, Ticker ticker, ReferenceSource refs) {
        this(cfg, clock, ticker, refs, Rules.forLane(cfg.type));
    }

    public LaneEngine(LaneConfig cfg, Clock clock, Ticker ticker, ReferenceSource refs, Rules rules) {
        this.cfg = cfg;
        this.clock = clock;
        this.ticker = ticker;
        this.refs = refs;
        this.rules = rules;
        this.ids = new EventIds(clock);
        this.interlock = new SafetyInterlock(cfg.clearanceDelay.toNanos());
        this.startedTick = ticker.nanos();
        this.changedAt = clock.instant();
    }

    // ------------------------------------------------------------------ inputs

    /** Handles one input; the effects to carry out, in order, are then in {@link #drainEffects()}. */
    public void handle(LaneInput input) {
        long now = ticker.nanos();
        LaneState before = state;
        int effectsBefore = effects.size();
        if (input instanceof LaneInput.Observed o) {
            onObservation(o.deviceId(), o.kind(), o.observation(), now);
        } else if (input instanceof LaneInput.StatusChanged s) {
            onStatus(s.deviceId(), s.kind(), s.status(), now);
        } else if (input instanceof LaneInput.DeviceGone g) {
            onStatus(g.deviceId(), g.kind(), DeviceStatus.offline("device removed from the lane", clock.instant()), now);
        } else if (input instanceof LaneInput.CommandFailed f) {
            onCommandFailed(f, now);
        } else if (input instanceof LaneInput.Fault j) {
            enterManual(j.reason(), now);
        } else {
            onTick(now);
        }
        afterInput(now);
        if (!(input instanceof LaneInput.Tick) || state != before || effects.size() != effectsBefore) {
            markChanged();
        }
    }

    public List<LaneEffect> drainEffects() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<LaneEffect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }

    /** True once after anything the console would show has changed. */
    public boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    private void markChanged() {
        changed = true;
        changedAt = clock.instant();
    }

    private void afterInput(long now) {
        if (state == LaneState.STARTING) {
            checkStartup(now);
        }
        maybeCloseWhenSafe(now);
    }

    private void onObservation(String deviceId, String kind, Observation obs, long now) {
        if (obs instanceof Observation.LoopChanged l) {
            onLoop(deviceId, l.loop(), l.occupied(), now);
        } else if (obs instanceof Observation.BarrierPositionChanged p) {
            onBarrierPosition(p.position(), now);
        } else if (obs instanceof Observation.BarrierAlarm a) {
            onBarrierAlarm(deviceId, a, now);
        } else if (obs instanceof Observation.WeightObserved w) {
            onWeight(w, now);
        } else if (obs instanceof Observation.PlateObserved p) {
            onPlate(p, now);
        } else if (obs instanceof Observation.ContainerObserved c) {
            onContainer(c, now);
        } else if (obs instanceof Observation.QrObserved q) {
            onQr(q, now);
        } else if (obs instanceof Observation.SealObserved s) {
            onSeal(s, now);
        } else if (obs instanceof Observation.ScanCompleted s) {
            onScanCompleted(s, now);
        }
    }

    // ------------------------------------------------------------------ loops and barrier

    private void onLoop(String deviceId, Loop loop, boolean occupied, long now) {
        loopSource = deviceId;
        Boolean previous = loops.put(loop, occupied);
        boolean rising = occupied && !Boolean.TRUE.equals(previous);
        boolean falling = !occupied && !Boolean.FALSE.equals(previous);
        if (loop == Loop.SAFETY) {
            interlock.safetyLoop(occupied, now);
        }
        if (state == LaneState.STARTING || state == LaneState.MANUAL) {
            return;
        }
        switch (loop) {
            case PRESENCE -> {
                if (rising) {
                    if (state == LaneState.IDLE) {
                        startCycle("presence-loop", now);
                    } else if (cycle == null || cycle.decided()) {
                        pending.presenceTick = now;
                    }
                }
            }
            case SAFETY -> {
                if (rising) {
                    onSafetyOccupied(now);
                } else if (falling && state == LaneState.PASSING) {
                    checkPassed(now);
                }
            }
            case EXIT -> {
                if (rising && state == LaneState.PASSING) {
                    cycle.exitSeen = true;
                    checkPassed(now);
                }
            }
        }
    }

    private void onSafetyOccupied(long now) {
        boolean closing = lastBarrierCommand == BarrierAction.CLOSE && boom != BarrierPosition.CLOSED;
        if (closing) {
            // Defence in depth: the barrier's own loop input reverses it; we ask for OPEN as well.
            commandBarrier(BarrierAction.OPEN, true);
        }
        if (state == LaneState.PASSING && cycle != null) {
            cycle.safetySeen = true;
        } else if (state == LaneState.CLEARING || state == LaneState.CLOSING) {
            tailgating(now);
        }
    }

    private void tailgating(long now) {
        String reason = "tailgating: a second vehicle entered under the open boom";
        emit(EventType.ALARM, payload("alarm", "TAILGATING", "detail", reason, "cycleId", cycle == null ? null : cycle.id,
                "plate", cycle == null ? null : cycle.plate));
        if (cycle != null) {
            completeCycle("passed; tailgating followed", now);
        }
        alarm = reason;
        enter(LaneState.HELD);
        pending.clear();
    }

    private void checkPassed(long now) {
        boolean safetyClear = Boolean.FALSE.equals(interlock.occupied());
        boolean passed = cfg.hasExitLoop ? cycle.exitSeen && safetyClear : cycle.safetySeen && safetyClear;
        if (!passed) {
            return;
        }
        milestone(Stage.PASSED, now);
        emit(EventType.VEHICLE_PASSED, cyclePayload());
        enter(LaneState.CLEARING);
    }

    private void onBarrierPosition(BarrierPosition position, long now) {
        boom = position;
        if (state == LaneState.MANUAL || state == LaneState.STARTING) {
            return;
        }
        if (position == BarrierPosition.OPEN) {
            if (state == LaneState.OPENING) {
                barrierOpened(now);
            } else if (lastBarrierCommand != BarrierAction.OPEN) {
                enterManual("barrier reports OPEN without a command", now);
            }
        } else if (position == BarrierPosition.CLOSED && state == LaneState.CLOSING) {
            barrierClosed(now);
        } else if (position == BarrierPosition.UNKNOWN && lastBarrierCommand != null) {
            enterManual("barrier position unknown", now);
        }
    }

    /**
     * Alarms that report something the engine handles itself (the barrier re-opening over a vehicle,
     * a forced-open input returning to normal): recorded, but the lane keeps running.
     */
    private static final java.util.Set<String> INFORMATIONAL_ALARMS = java.util.Set.of("SAFETY_REOPEN", "FORCED_OPEN_CLEARED");

    private void onBarrierAlarm(String deviceId, Observation.BarrierAlarm a, long now) {
        String reason = "barrier alarm " + a.code() + (a.detail() == null || a.detail().isBlank() ? "" : ": " + a.detail());
        if (state == LaneState.MANUAL || INFORMATIONAL_ALARMS.contains(a.code())) {
            emit(EventType.ALARM, payload("alarm", a.code(), "detail", a.detail(), "deviceId", deviceId));
            return;
        }
        enterManual(reason, now);
    }

    private void barrierOpened(long now) {
        milestone(Stage.BARRIER_OPENED, now);
        emit(EventType.BARRIER_OPENED, cyclePayload());
        enter(LaneState.PASSING);
        deadline = now + cfg.stoppedUnderBoomAlarm.toNanos();
    }

    private void barrierClosed(long now) {
        milestone(Stage.BARRIER_CLOSED, now);
        emit(EventType.BARRIER_CLOSED, cycle == null ? payload() : cyclePayload());
        if (cycle != null) {
            completeCycle("passed", now);
        }
        enter(LaneState.IDLE);
        startNextIfWaiting(now);
    }

    private void commandBarrier(BarrierAction action, boolean safety) {
        lastBarrierCommand = action;
        effects.add(new LaneEffect.Command(DeviceKinds.BARRIER, new DeviceCommand.Barrier(action), safety));
    }

    /** The only way the engine closes the boom: refused unless the interlock allows it now. */
    private Optional<String> closeBarrier(long now) {
        Optional<String> refusal = interlock.closeRefusal(now);
        if (refusal.isEmpty()) {
            commandBarrier(BarrierAction.CLOSE, false);
        }
        return refusal;
    }

    private void maybeCloseWhenSafe(long now) {
        if (state == LaneState.CLEARING) {
            if (!barrierUp()) {
                enterManual("barrier device offline while the boom is open", now);
                return;
            }
            if (closeBarrier(now).isEmpty()) {
                enter(LaneState.CLOSING);
                deadline = now + cfg.barrierTimeout.toNanos();
                if (!cfg.barrierFeedback) {
                    barrierClosed(now);
                }
            }
        } else if (state == LaneState.HELD && lastBarrierCommand == BarrierAction.OPEN && barrierUp()) {
            // A held lane keeps its boom closed once nobody is under it.
            closeBarrier(now);
        }
    }

    // ------------------------------------------------------------------ identification

    private void onPlate(Observation.PlateObserved p, long now) {
        String text = p.plate().text();
        if (state == LaneState.STARTING || state == LaneState.MANUAL) {
            return;
        }
        if (state == LaneState.IDLE) {
            startCycle("plate-read", now, p);
            return;
        }
        if (cycle != null && !cycle.decided() && preDecision()) {
            if (!cycle.knowsPlate(text)) {
                cycle.plates.add(p);
                emit(EventType.PLATE_READ, platePayload(p));
                progress(now);
            }
            return;
        }
        if (cycle != null && cycle.knowsPlate(text)) {
            return;
        }
        if (pending.plates.stream().noneMatch(x -> x.plate().text().equals(text))) {
            pending.plates.add(p);
            pending.plateTicks.add(now);
        }
    }

    private void onContainer(Observation.ContainerObserved c, long now) {
        if (state == LaneState.STARTING || state == LaneState.MANUAL) {
            return;
        }
        if (cycle != null && preDecision()) {
            addContainer(c);
            progress(now);
        } else {
            pending.containers.add(c);
            pending.containerTicks.add(now);
        }
    }

    private void addContainer(Observation.ContainerObserved c) {
        String raw = c.text() == null ? "" : c.text().strip().toUpperCase(java.util.Locale.ROOT);
        // A driver's "valid" is trusted only if the check digit really holds; the number is compacted.
        java.util.Optional<org.borderedge.core.ContainerNumber> parsed = org.borderedge.core.ContainerNumber.parse(raw);
        String text = parsed.map(org.borderedge.core.ContainerNumber::value).orElse(raw);
        boolean known = cycle.containers.contains(text) || cycle.invalidContainers.contains(text);
        if (c.valid() && parsed.isPresent()) {
            cycle.containers.add(text);
        } else {
            cycle.invalidContainers.add(text);
        }
        if (!known) {
            emit(EventType.CONTAINER_READ, payload("cycleId", cycle.id, "container", text, "valid", parsed.isPresent() && c.valid(),
                    "confidence", c.confidence(), "imageRef", c.imageRef()));
        }
    }

    private void onQr(Observation.QrObserved q, long now) {
        if (state == LaneState.STARTING || state == LaneState.MANUAL) {
            return;
        }
        if (state == LaneState.IDLE && residentLane() && ResidentPass.looksLike(q.payload())) {
            // At a resident lane showing the code is the arrival (pedestrians and motorbikes may miss the loop).
            startCycle("resident-code", now);
        }
        if (cycle != null && preDecision()) {
            cycle.qr = q;
            emit(EventType.QR_READ, payload("cycleId", cycle.id, "declarationId", q.declarationId()));
            progress(now);
        } else {
            pending.qr = q;
            pending.qrTick = now;
        }
    }

    private void onSeal(Observation.SealObserved s, long now) {
        if (state == LaneState.STARTING || state == LaneState.MANUAL) {
            return;
        }
        if (cycle != null && preDecision()) {
            takeSeal(s);
            progress(now);
        } else {
            pending.seal = s;
            pending.sealTick = now;
        }
    }

    private void takeSeal(Observation.SealObserved s) {
        // Prefer a declared seal when several are read (a neighbouring truck's seal may be in range).
        boolean declared = cycle.declaration != null && cycle.declaration.sealIds().contains(s.sealId());
        boolean currentDeclared = cycle.seal != null && cycle.declaration != null
                && cycle.declaration.sealIds().contains(cycle.seal.sealId());
        if (cycle.seal == null || declared || !currentDeclared) {
            cycle.seal = s;
        }
    }

    private void onWeight(Observation.WeightObserved w, long now) {
        if (cycle == null || !preDecision() || cycle.weightKg != null) {
            return;
        }
        if (!w.result().isStable()) {
            cycle.stableCandidateKg = null;
            return;
        }
        BigDecimal kg = w.result().kilograms().orElseThrow();
        if (cycle.stableCandidateKg == null || kg.subtract(cycle.stableCandidateKg).abs().compareTo(cfg.stableBandKg) > 0) {
            cycle.stableSince = now;
        }
        cycle.stableCandidateKg = kg;
        takeWeightIfHeld(now);
        progress(now);
    }

    private void takeWeightIfHeld(long now) {
        if (cycle.weightKg == null && cycle.stableCandidateKg != null
                && now - cycle.stableSince >= cfg.stableHold.toNanos()) {
            cycle.weightKg = cycle.stableCandidateKg;
            emit(EventType.WEIGHT_MEASURED, payload("cycleId", cycle.id, "weightKg", cycle.weightKg,
                    "stableForMs", (now - cycle.stableSince) / 1_000_000));
        }
    }

    private boolean preDecision() {
        return state == LaneState.IDENTIFYING || state == LaneState.WEIGHING || state == LaneState.SEAL_CHECK;
    }

    private void startCycle(String via, long now) {
        startCycle(via, now, null);
    }

    private void startCycle(String via, long now, Observation.PlateObserved plate) {
        cycle = new Cycle(ids.nextId(), via);
        alarm = "";
        milestone(Stage.ARRIVED, now);
        emit(EventType.VEHICLE_ARRIVED, payload("cycleId", cycle.id, "via", via, "laneType", cfg.type.wireName(),
                "direction", cfg.direction.name()));
        enter(LaneState.IDENTIFYING);
        deadline = now + cfg.identificationTimeout.toNanos();
        adoptPending(now);
        if (plate != null && !cycle.knowsPlate(plate.plate().text())) {
            cycle.plates.add(plate);
            emit(EventType.PLATE_READ, platePayload(plate));
        }
        progress(now);
    }

    private void adoptPending(long now) {
        long window = cfg.preArrivalWindow.toNanos();
        for (int i = 0; i < pending.plates.size(); i++) {
            if (now - pending.plateTicks.get(i) <= window && !cycle.knowsPlate(pending.plates.get(i).plate().text())) {
                cycle.plates.add(pending.plates.get(i));
                emit(EventType.PLATE_READ, platePayload(pending.plates.get(i)));
            }
        }
        if (pending.qr != null && now - pending.qrTick <= window) {
            cycle.qr = pending.qr;
            emit(EventType.QR_READ, payload("cycleId", cycle.id, "declarationId", pending.qr.declarationId()));
        }
        for (int i = 0; i < pending.containers.size(); i++) {
            if (now - pending.containerTicks.get(i) <= window) {
                addContainer(pending.containers.get(i));
            }
        }
        if (pending.seal != null && now - pending.sealTick <= window) {
            takeSeal(pending.seal);
        }
        pending.clear();
    }

    private void startNextIfWaiting(long now) {
        if (state != LaneState.IDLE) {
            return;
        }
        if (!pending.plates.isEmpty() && pending.presenceTick == NONE && !Boolean.TRUE.equals(loops.get(Loop.PRESENCE))) {
            Observation.PlateObserved first = pending.plates.remove(0);
            pending.plateTicks.remove(0);
            startCycle("plate-read", now, first);
        } else if (pending.arrival() || Boolean.TRUE.equals(loops.get(Loop.PRESENCE))) {
            startCycle("presence-loop", now);
        } else if (residentLane() && pending.qr != null && ResidentPass.looksLike(pending.qr.payload())) {
            // The next resident showed the code while the previous one was still in the lane.
            startCycle("resident-code", now);
        } else {
            pending.clear();
        }
    }

    /** Advances through identification, weighing and seal check as far as the facts allow. */
    private void progress(long now) {
        LaneState before;
        do {
            before = state;
            switch (state) {
                case IDENTIFYING -> tryIdentify(false, now);
                case WEIGHING -> tryWeigh(false, now);
                case SEAL_CHECK -> trySeal(false, now);
                default -> {
                }
            }
        } while (state != before);
    }

    private void tryIdentify(boolean timedOut, long now) {
        resolveDeclaration();
        Declaration d = cycle.declaration;
        boolean plateOk = !cfg.requirePlate || !cycle.plates.isEmpty();
        boolean containersOk = !cfg.checkContainers || d == null || cycle.containers.containsAll(d.containers());
        boolean known = residentLane() ? cycle.qr != null && ResidentPass.looksLike(cycle.qr.payload()) : d != null;
        if (!(timedOut || (known && plateOk && containersOk))) {
            return;
        }
        choosePlate();
        milestone(Stage.IDENTIFIED, now);
        if (cfg.checkWeight) {
            enter(LaneState.WEIGHING);
            deadline = now + cfg.weighingTimeout.toNanos();
        } else {
            enterSealCheck(now);
        }
    }

    private void resolveDeclaration() {
        ReferenceData ref = refs.data();
        cycle.declaration = null;
        cycle.declarationSource = "none";
        if (ref == null) {
            return;
        }
        try {
            if (cycle.qr != null && cycle.qr.declarationId() != null && !cycle.qr.declarationId().isBlank()) {
                Optional<Declaration> d = ref.declarationById(cycle.qr.declarationId());
                if (d.isPresent()) {
                    cycle.declaration = d.get();
                    cycle.declarationSource = "qr";
                    return;
                }
            }
            for (Observation.PlateObserved p : cycle.plates) {
                Optional<Declaration> d = ref.declarationForPlate(p.plate());
                if (d.isPresent()) {
                    cycle.declaration = d.get();
                    cycle.declarationSource = "plate";
                    return;
                }
            }
            for (String c : cycle.containers) {
                Optional<Declaration> d = ref.declarationForContainer(c);
                if (d.isPresent()) {
                    cycle.declaration = d.get();
                    cycle.declarationSource = "container";
                    return;
                }
            }
        } catch (RuntimeException e) {
            // A failing cache is no cache: the vehicle stays unknown and is held.
            cycle.declaration = null;
            cycle.declarationSource = "none";
        }
    }

    /** The read the decision is about: one the declaration names, else the most confident. */
    private void choosePlate() {
        Observation.PlateObserved best = null;
        for (Observation.PlateObserved p : cycle.plates) {
            boolean declared = cycle.declaration != null && cycle.declaration.coversPlate(p.plate());
            boolean bestDeclared = best != null && cycle.declaration != null && cycle.declaration.coversPlate(best.plate());
            if (best == null || (declared && !bestDeclared) || (declared == bestDeclared && p.confidence() > best.confidence())) {
                best = p;
            }
        }
        cycle.plateUsed = best;
        cycle.plate = best == null ? null : best.plate().text();
    }

    private void tryWeigh(boolean timedOut, long now) {
        takeWeightIfHeld(now);
        boolean noScale = devicesOf(DeviceKinds.SCALE).isEmpty();
        if (cycle.weightKg != null) {
            milestone(Stage.WEIGHED, now);
        } else if (!timedOut && !noScale) {
            return;
        }
        enterSealCheck(now);
    }

    private boolean sealApplies() {
        return cfg.checkSeal && cycle.declaration != null && !cycle.declaration.sealIds().isEmpty();
    }

    private void enterSealCheck(long now) {
        if (!sealApplies()) {
            decide(now);
            return;
        }
        enter(LaneState.SEAL_CHECK);
        deadline = now + cfg.sealTimeout.toNanos();
        trySeal(false, now);
    }

    private void trySeal(boolean timedOut, long now) {
        boolean noReader = devicesOf(DeviceKinds.ESEAL_READER).isEmpty();
        if (cycle.seal == null && !timedOut && !noReader) {
            return;
        }
        if (cycle.seal != null) {
            milestone(Stage.SEAL_CHECKED, now);
        }
        emit(EventType.SEAL_CHECKED, payload("cycleId", cycle.id,
                "sealId", cycle.seal == null ? null : cycle.seal.sealId(),
                "lock", cycle.seal == null ? "NOT_READ" : cycle.seal.lock().name(),
                "batteryPct", cycle.seal == null ? null : cycle.seal.batteryPct(),
                "declared", cycle.declaration.sealIds().stream().sorted().toList()));
        decide(now);
    }

    // ------------------------------------------------------------------ decision

    private DecisionContext context() {
        ReferenceData ref = refs.data();
        Instant now = clock.instant();
        long ageMs = -1;
        long version = 0;
        Map<String, String> params = Map.of();
        if (ref != null) {
            try {
                Instant refreshed = ref.refreshedAt();
                ageMs = refreshed == null ? -1 : Math.max(0, Duration.between(refreshed, now).toMillis());
                version = ref.version();
                params = ref.ruleParameters();
            } catch (RuntimeException e) {
                ageMs = -1;
            }
        }
        boolean dataFresh = ageMs >= 0 && ageMs <= cfg.maxReferenceAge.toMillis();
        boolean linkFresh = false;
        CentralLink link = refs.link();
        if (link != null) {
            try {
                Instant last = link.lastContact();
                linkFresh = link.connected()
                        || (last != null && Duration.between(last, now).toMillis() <= cfg.maxReferenceAge.toMillis());
            } catch (RuntimeException e) {
                linkFresh = false;
            }
        }
        Plate read = cycle.plateUsed == null ? null : cycle.plateUsed.plate();
        cycle.resident = residentLane() ? residentCheck(params, now) : null;
        return new DecisionContext(cfg, read, cycle.declaration, cycle.declarationSource,
                cycle.qr == null || cycle.qr.declarationId() == null || cycle.qr.declarationId().isBlank() ? null : cycle.qr.declarationId(),
                List.copyOf(cycle.containers), List.copyOf(cycle.invalidContainers), cycle.weightKg, cfg.checkWeight,
                cycle.seal, sealApplies(), ref, dataFresh && linkFresh, ageMs, params, cycle.resident);
    }

    // ------------------------------------------------------------------ border-resident trade

    private boolean residentLane() {
        return cfg.type == LaneType.RESIDENT_TRADE;
    }

    /** The resident code shown, the quota in force and the resident's total so far (read from the ledger). */
    private ResidentCheck residentCheck(Map<String, String> params, Instant now) {
        ResidentCheck.Quota quota = ResidentCheck.quota(cfg, params);
        String periodKey = quota.period().key(now, cfg.residentZone);
        ResidentPass pass = null;
        String problem = "";
        if (cycle.qr == null) {
            problem = "no resident code shown";
        } else {
            try {
                pass = ResidentPass.parse(cycle.qr.payload());
            } catch (IllegalArgumentException e) {
                problem = "resident code unreadable: " + e.getMessage();
            }
        }
        Long used = null;
        String ledgerProblem = "";
        if (pass != null) {
            ResidentLedger ledger = refs.residentLedger();
            if (ledger == null) {
                ledgerProblem = "no resident ledger service";
            } else {
                try {
                    used = ledger.usedVnd(pass.residentId(), periodKey);
                } catch (RuntimeException e) {
                    ledgerProblem = String.valueOf(e.getMessage());
                }
            }
        }
        return new ResidentCheck(pass, problem, quota.vnd(), quota.period(), periodKey, quota.source(), used, ledgerProblem);
    }

    /**
     * A released resident's purchase: stored in the ledger first (a crash then over-counts, never
     * under-counts the quota), then journalled as a CRITICAL RESIDENT_PURCHASE event for the central,
     * both before the barrier is commanded open.
     */
    private void recordPurchase(DecisionRecord d) {
        ResidentCheck r = cycle.resident;
        if (!residentLane() || d.verdict() != Verdict.RELEASE || r == null || r.pass() == null || cycle.purchaseRecorded) {
            return;
        }
        cycle.purchaseRecorded = true;
        long value = r.pass().valueVnd();
        boolean overQuota = r.usedVnd() == null || r.usedVnd() + value > r.quotaVnd();
        effects.add(new LaneEffect.RecordPurchase(new ResidentPurchase(cycle.id, r.pass().residentId(),
                r.pass().name(), r.periodKey(), value, cfg.laneId, d.time(), overQuota, d.decidedBy())));
        emit(EventType.RESIDENT_PURCHASE, payload("cycleId", cycle.id, "residentId", r.pass().residentId(),
                "residentName", r.pass().name().isEmpty() ? null : r.pass().name(), "valueVnd", value,
                "period", r.periodKey(), "periodKind", r.period().name(), "quotaVnd", r.quotaVnd(),
                "quotaSource", r.quotaSource(), "usedBeforeVnd", r.usedVnd(),
                "usedAfterVnd", r.usedVnd() == null ? null : r.usedVnd() + value, "overQuota", overQuota,
                "releasedBy", d.decidedBy()));
    }

    private void decide(long now) {
        DecisionContext ctx = context();
        if (ctx.plateRead() != null) {
            cycle.plate = PlateRule.effectivePlate(ctx.plateRead().text(), ctx);
        }
        List<RuleResult> results = rules.evaluate(ctx);
        cycle.rules = results;
        Verdict verdict = Rules.verdict(results);
        long version = 0;
        try {
            version = ctx.reference() == null ? 0 : ctx.reference().version();
        } catch (RuntimeException e) {
            version = 0;
        }
        recordDecision(new DecisionRecord(verdict, channel(), results, ctx.online(), ctx.referenceAgeMs(), version,
                ctx.online() ? "" : cfg.offlinePolicy.name(), "engine", clock.instant()), now);
        switch (verdict) {
            case RELEASE -> openBarrier(now);
            case HOLD -> hold(now);
            case INSPECT -> {
                if (cycle.declaration != null && cycle.declaration.channel() == Channel.RED && cfg.scanOnRed
                        && !devicesOf(DeviceKinds.SCANNER).isEmpty()) {
                    requestScan(now);
                } else {
                    enter(LaneState.INSPECTION);
                }
            }
        }
    }

    private String channel() {
        return cycle.declaration == null ? "" : cycle.declaration.channel().name();
    }

    private void recordDecision(DecisionRecord d, long now) {
        cycle.decision = d;
        milestone(Stage.DECIDED, now);
        Map<String, Object> p = cyclePayload();
        p.put("verdict", d.verdict().name());
        p.put("channel", d.channel());
        p.put("reasons", d.reasons());
        p.put("online", d.online());
        p.put("referenceAgeMs", d.referenceAgeMs());
        p.put("referenceVersion", d.referenceVersion());
        if (!d.offlinePolicy().isEmpty()) {
            p.put("offlinePolicy", d.offlinePolicy());
        }
        p.put("decidedBy", d.decidedBy());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (RuleResult r : d.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", r.rule());
            m.put("outcome", r.outcome().name());
            m.put("reason", r.reason());
            m.put("data", r.data());
            rs.add(m);
        }
        p.put("rules", rs);
        emit(EventType.DECISION, p);
        recordPurchase(d);
    }

    private void hold(long now) {
        alarm = "";
        enter(LaneState.HELD);
    }

    private void requestScan(long now) {
        cycle.scanRequestId = cycle.id + "-scan";
        milestone(Stage.SCAN_REQUESTED, now);
        Map<String, Object> p = cyclePayload();
        p.put("requestId", cycle.scanRequestId);
        emit(EventType.SCAN_REQUESTED, p);
        effects.add(new LaneEffect.Command(DeviceKinds.SCANNER,
                new DeviceCommand.ScanRequest(cycle.scanRequestId, cfg.laneId, cycle.plate == null ? cycle.id : cycle.plate), false));
        enter(LaneState.SCANNING);
        deadline = now + cfg.scanTimeout.toNanos();
    }

    private void onScanCompleted(Observation.ScanCompleted s, long now) {
        if (state != LaneState.SCANNING || cycle == null || !cycle.scanRequestId.equals(s.requestId())) {
            return;
        }
        milestone(Stage.SCAN_COMPLETED, now);
        Map<String, Object> p = cyclePayload();
        p.put("requestId", s.requestId());
        p.put("verdict", s.verdict().name());
        p.put("imageRef", s.imageRef());
        p.put("detail", s.detail());
        emit(EventType.SCAN_COMPLETED, p);
        afterScan(ScanRule.evaluate(s.verdict(), s.detail(), cfg.releaseOnScanClear), now);
    }

    private void afterScan(RuleResult scan, long now) {
        List<RuleResult> all = new ArrayList<>(cycle.rules);
        all.add(scan);
        cycle.rules = all;
        Verdict verdict = switch (scan.outcome()) {
            case PASS -> Verdict.RELEASE;
            case INSPECT -> Verdict.INSPECT;
            default -> Verdict.HOLD;
        };
        DecisionRecord first = cycle.decision;
        recordDecision(new DecisionRecord(verdict, first.channel(), all, first.online(), first.referenceAgeMs(),
                first.referenceVersion(), first.offlinePolicy(), "engine", clock.instant()), now);
        switch (verdict) {
            case RELEASE -> openBarrier(now);
            case INSPECT -> enter(LaneState.INSPECTION);
            case HOLD -> hold(now);
        }
    }

    private void openBarrier(long now) {
        if (!barrierUp()) {
            enterManual("barrier device offline: cannot open for a released vehicle", now);
            return;
        }
        if (boom == BarrierPosition.OPEN && lastBarrierCommand == BarrierAction.OPEN) {
            barrierOpened(now);
            return;
        }
        commandBarrier(BarrierAction.OPEN, false);
        enter(LaneState.OPENING);
        deadline = now + cfg.barrierTimeout.toNanos();
        if (!cfg.barrierFeedback) {
            barrierOpened(now);
        }
    }

    // ------------------------------------------------------------------ timers, devices, start-up

    private void onTick(long now) {
        if (cycle != null && preDecision()) {
            takeWeightIfHeld(now);
        }
        if (now < deadline) {
            progress(now);
            return;
        }
        switch (state) {
            case IDENTIFYING -> tryIdentify(true, now);
            case WEIGHING -> tryWeigh(true, now);
            case SEAL_CHECK -> trySeal(true, now);
            case SCANNING -> {
                Map<String, Object> p = cyclePayload();
                p.put("requestId", cycle.scanRequestId);
                p.put("verdict", "TIMEOUT");
                emit(EventType.SCAN_COMPLETED, p);
                afterScan(ScanRule.evaluate(null, null, cfg.releaseOnScanClear), now);
            }
            case OPENING -> enterManual("barrier did not report OPEN within " + cfg.barrierTimeout.toSeconds() + " s", now);
            case CLOSING -> enterManual("barrier did not report CLOSED within " + cfg.barrierTimeout.toSeconds() + " s", now);
            case PASSING -> {
                deadline = NONE;
                if (cycle != null && !cycle.stoppedAlarmRaised) {
                    cycle.stoppedAlarmRaised = true;
                    emit(EventType.ALARM, payload("alarm", "VEHICLE_STOPPED_UNDER_BOOM", "cycleId", cycle.id,
                            "plate", cycle.plate, "detail", "no passage for " + cfg.stoppedUnderBoomAlarm.toSeconds()
                                    + " s; the boom stays open"));
                }
            }
            default -> deadline = NONE;
        }
        progress(now);
    }

    private void onStatus(String deviceId, String kind, DeviceStatus status, long now) {
        DeviceInfo info = devices.computeIfAbsent(deviceId, id -> new DeviceInfo(kind, null));
        boolean wasUp = info.up();
        info.status = status;
        boolean up = info.up();
        if (up) {
            if (info.faulted && status.isOnline()) {
                info.faulted = false;
                emit(EventType.DEVICE_RECOVERED, payload("deviceId", deviceId, "kind", kind));
            }
            if (status.state() == DeviceState.DEGRADED && !info.faulted) {
                info.faulted = true;
                emit(EventType.DEVICE_FAULT, payload("deviceId", deviceId, "kind", kind, "state", status.state().name(),
                        "reason", status.reason()));
            }
            info.wasUp = true;
            return;
        }
        if (info.wasUp && !info.faulted) {
            info.faulted = true;
            emit(EventType.DEVICE_FAULT, payload("deviceId", deviceId, "kind", kind, "state", status.state().name(),
                    "reason", status.reason(), "cycleId", cycle == null ? null : cycle.id, "laneState", state.name()));
        }
        if (!wasUp) {
            return;
        }
        if (deviceId.equals(loopSource)) {
            loops.clear();
            interlock.unknown();
        }
        String why = kind + " " + deviceId + " " + status.state() + (status.reason().isEmpty() ? "" : ": " + status.reason());
        if (DeviceKinds.BARRIER.equals(kind) && state != LaneState.STARTING && state != LaneState.MANUAL
                && devicesOf(DeviceKinds.BARRIER).isEmpty()) {
            enterManual("device fault: " + why, now);
        } else if (cycleNeeds(kind) && devicesOf(kind).isEmpty()) {
            enterManual("device fault mid-cycle: " + why, now);
        }
    }

    private boolean cycleNeeds(String kind) {
        return switch (state) {
            case IDENTIFYING -> DeviceKinds.CAMERA.equals(kind) || DeviceKinds.QR_READER.equals(kind)
                    || DeviceKinds.SCALE.equals(kind) || DeviceKinds.ESEAL_READER.equals(kind);
            case WEIGHING -> DeviceKinds.SCALE.equals(kind) || DeviceKinds.ESEAL_READER.equals(kind);
            case SEAL_CHECK -> DeviceKinds.ESEAL_READER.equals(kind);
            case SCANNING -> DeviceKinds.SCANNER.equals(kind);
            default -> false;
        };
    }

    private void onCommandFailed(LaneInput.CommandFailed f, long now) {
        if (DeviceKinds.BARRIER.equals(f.kind())) {
            String action = f.command() instanceof DeviceCommand.Barrier b ? b.action().name() : f.command().toString();
            if (state != LaneState.MANUAL) {
                enterManual("barrier refused " + action + ": " + f.reason(), now);
            } else {
                emit(EventType.ALARM, payload("alarm", "COMMAND_REFUSED", "deviceId", f.deviceId(),
                        "detail", "barrier refused " + action + ": " + f.reason()));
            }
        } else if (DeviceKinds.SCANNER.equals(f.kind()) && state == LaneState.SCANNING) {
            afterScan(ScanRule.evaluate(Observation.ScanVerdict.ERROR, "scanner refused the request: " + f.reason(),
                    cfg.releaseOnScanClear), now);
        }
    }

    private List<String> devicesOf(String kind) {
        List<String> out = new ArrayList<>(1);
        devices.forEach((id, info) -> {
            if (info.kind.equals(kind) && info.up()) {
                out.add(id);
            }
        });
        return out;
    }

    private boolean barrierUp() {
        return !devicesOf(DeviceKinds.BARRIER).isEmpty();
    }

    private void checkStartup(long now) {
        if (!barrierUp()) {
            barrierOnlineSince = NONE;
            if (now - startedTick >= cfg.startupTimeout.toNanos()) {
                enterManual("no barrier device online " + cfg.startupTimeout.toSeconds() + " s after start-up", now);
            }
            return;
        }
        if (barrierOnlineSince == NONE) {
            barrierOnlineSince = now;
        }
        boolean loopsKnown = loops.containsKey(Loop.PRESENCE) && loops.containsKey(Loop.SAFETY)
                && (!cfg.hasExitLoop || loops.containsKey(Loop.EXIT));
        boolean boomKnown = !cfg.barrierFeedback || boom != BarrierPosition.UNKNOWN;
        if (!(loopsKnown && boomKnown) && now - barrierOnlineSince < cfg.startupGrace.toNanos()) {
            return;
        }
        if (vehiclePresent()) {
            enterManual("vehicle present at start-up: a technician must clear the lane and release it", now);
        } else if (boom == BarrierPosition.OPEN) {
            lastBarrierCommand = BarrierAction.OPEN;
            enter(LaneState.CLEARING);
        } else {
            enter(LaneState.IDLE);
        }
    }

    private boolean vehiclePresent() {
        return loops.values().stream().anyMatch(Boolean.TRUE::equals);
    }

    private void enterManual(String reason, long now) {
        LaneState before = state;
        alarm = reason;
        enter(LaneState.MANUAL);
        pending.clear();
        emit(EventType.ALARM, payload("alarm", "LANE_MANUAL", "detail", reason, "previousState", before.name(),
                "cycleId", cycle == null ? null : cycle.id, "barrier", boom.name()));
    }

    private void enter(LaneState next) {
        state = next;
        deadline = NONE;
    }

    // ------------------------------------------------------------------ manual actions

    /** A technician's action; its effects are in {@link #drainEffects()} afterwards. */
    public ManualResult manual(ManualAction action, String user, String reason) {
        if (action == null) {
            return ManualResult.invalid("no action given");
        }
        if (user == null || user.isBlank()) {
            return ManualResult.invalid("no user given");
        }
        if (reason == null || reason.isBlank()) {
            return ManualResult.invalid("a reason is required for " + action);
        }
        long now = ticker.nanos();
        LaneState before = state;
        int mark = effects.size();
        ManualResult result = switch (action) {
            case OPEN -> manualOpen();
            case CLOSE -> manualClose(now);
            case HOLD -> manualHold(user, reason, now);
            case RELEASE -> manualRelease(user, reason, now);
        };
        Map<String, Object> p = payload("action", action.name(), "user", user, "reason", reason,
                "result", result.status().name(), "detail", result.reason(), "stateBefore", before.name(),
                "stateAfter", state.name(), "cycleId", cycle == null ? null : cycle.id);
        // The override is journalled before the commands it caused.
        effects.add(mark, new LaneEffect.Emit(EventDraft.of(EventType.MANUAL_OVERRIDE, cfg.laneId, clock.instant(), p)));
        afterInput(now);
        markChanged();
        return result;
    }

    private ManualResult manualOpen() {
        if (!barrierUp()) {
            return ManualResult.refusedState("barrier device is offline");
        }
        alarm = alarm.isEmpty() ? "opened by a technician" : alarm;
        enter(LaneState.MANUAL);
        pending.clear();
        commandBarrier(BarrierAction.OPEN, false);
        return ManualResult.accepted("OPEN handed to the barrier; lane is MANUAL until RELEASE");
    }

    private ManualResult manualClose(long now) {
        Optional<String> refusal = interlock.closeRefusal(now);
        if (refusal.isPresent()) {
            return ManualResult.refusedInterlock(refusal.get());
        }
        if (!barrierUp()) {
            return ManualResult.refusedState("barrier device is offline");
        }
        enter(LaneState.MANUAL);
        pending.clear();
        alarm = alarm.isEmpty() ? "closed by a technician" : alarm;
        closeBarrier(now);
        return ManualResult.accepted("CLOSE handed to the barrier; lane is MANUAL until RELEASE");
    }

    private ManualResult manualHold(String user, String reason, long now) {
        if (state == LaneState.STARTING) {
            return ManualResult.refusedState("lane is starting");
        }
        if (!barrierUp()) {
            return ManualResult.refusedState("barrier device is offline: the lane stays MANUAL");
        }
        if (cycle != null && !cycle.decided()) {
            List<RuleResult> results = new ArrayList<>(cycle.rules);
            results.add(new RuleResult("manual-hold", RuleResult.Outcome.HOLD, reason, Map.of("user", user)));
            cycle.rules = results;
            recordDecision(new DecisionRecord(Verdict.HOLD, channel(), results, false, -1, 0, "", user, clock.instant()), now);
        }
        alarm = "held by " + user + ": " + reason;
        enter(LaneState.HELD);
        pending.clear();
        return ManualResult.accepted("lane held");
    }

    private ManualResult manualRelease(String user, String reason, long now) {
        switch (state) {
            case HELD, INSPECTION, MANUAL, SCANNING -> {
            }
            default -> {
                return ManualResult.refusedState("nothing to release: lane is " + state);
            }
        }
        if (!barrierUp()) {
            return ManualResult.refusedState("barrier device is offline");
        }
        alarm = "";
        if (cycle != null && vehiclePresent()) {
            List<RuleResult> results = new ArrayList<>(cycle.rules);
            results.add(new RuleResult("manual-release", RuleResult.Outcome.PASS, reason, Map.of("user", user)));
            cycle.rules = results;
            DecisionRecord last = cycle.decision;
            recordDecision(new DecisionRecord(Verdict.RELEASE, channel(), results, last != null && last.online(),
                    last == null ? -1 : last.referenceAgeMs(), last == null ? 0 : last.referenceVersion(),
                    last == null ? "" : last.offlinePolicy(), user, clock.instant()), now);
            openBarrier(now);
            return ManualResult.accepted("vehicle released by " + user);
        }
        if (cycle != null) {
            completeCycle("left without passing (released by " + user + ")", now);
        }
        if (boom != BarrierPosition.CLOSED || lastBarrierCommand == BarrierAction.OPEN) {
            lastBarrierCommand = BarrierAction.OPEN;
            enter(LaneState.CLEARING);
        } else {
            enter(LaneState.IDLE);
            if (Boolean.TRUE.equals(loops.get(Loop.PRESENCE))) {
                startCycle("presence-loop", now);
            }
        }
        return ManualResult.accepted("lane back in AUTO");
    }

    // ------------------------------------------------------------------ cycle records

    private void milestone(Stage stage, long now) {
        if (cycle != null) {
            cycle.milestone(stage, now, clock.instant());
        }
    }

    private void completeCycle(String outcome, long now) {
        Cycle c = cycle;
        cycle = null;
        Map<Stage, Long> durations = new EnumMap<>(Stage.class);
        Map<String, Object> times = new LinkedHashMap<>();
        Map<String, Object> durationsMs = new LinkedHashMap<>();
        Long previous = null;
        for (Stage s : Stage.values()) {
            Long t = c.ticks.get(s);
            if (t == null) {
                continue;
            }
            times.put(s.name(), c.times.get(s).toString());
            if (previous != null) {
                long d = Math.max(0, t - previous);
                durations.put(s, d);
                durationsMs.put(s.name(), d / 1e6);
            }
            previous = t;
        }
        Long arrived = c.ticks.get(Stage.ARRIVED);
        Long passed = c.ticks.get(Stage.PASSED);
        Long total = arrived != null && passed != null ? Math.max(0, passed - arrived) : null;
        stats.record(durations, total);
        statsByChannel.computeIfAbsent(c.declaration == null ? "NONE" : c.declaration.channel().name(),
                k -> new StageStatistics(256)).record(durations, total);
        Map<String, Object> p = payload("cycleId", c.id, "outcome", outcome, "plate", c.plate,
                "declarationId", c.declaration == null ? null : c.declaration.id(),
                "verdict", c.decision == null ? null : c.decision.verdict().name(),
                "channel", c.declaration == null ? null : c.declaration.channel().name(),
                "arrivalVia", c.arrivalVia, "stages", times, "durationsMs", durationsMs,
                "arrivalToPassedMs", total == null ? null : total / 1e6);
        emit(EventType.CYCLE_COMPLETED, p);
    }

    private Map<String, Object> cyclePayload() {
        if (cycle == null) {
            return payload();
        }
        return payload("cycleId", cycle.id, "plate", cycle.plate,
                "declarationId", cycle.declaration == null ? null : cycle.declaration.id());
    }

    private Map<String, Object> platePayload(Observation.PlateObserved p) {
        return payload("cycleId", cycle.id, "plate", p.plate().text(), "display", p.plate().display(),
                "format", p.plate().format().name(), "confidence", p.confidence(), "imageRef", p.imageRef());
    }

    /** A mutable payload map that skips null values. */
    private static Map<String, Object> payload(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private void emit(EventType type, Map<String, Object> payload) {
        effects.add(new LaneEffect.Emit(EventDraft.of(type, cfg.laneId, clock.instant(), payload)));
    }

    // ------------------------------------------------------------------ views

    public LaneState state() {
        return state;
    }

    public LaneConfig config() {
        return cfg;
    }

    /** Why CLOSE would be refused right now (for tests and the console), empty when allowed. */
    public Optional<String> closeRefusal() {
        return interlock.closeRefusal(ticker.nanos());
    }

    StageStatistics stats() {
        return stats;
    }

    Map<String, List<org.borderedge.lane.StageStat>> statsByChannel() {
        Map<String, List<org.borderedge.lane.StageStat>> out = new java.util.TreeMap<>();
        statsByChannel.forEach((channel, st) -> out.put(channel, st.snapshot()));
        return out;
    }

    public LaneSnapshot snapshot() {
        LaneSnapshot.Vehicle v = null;
        if (cycle != null) {
            String read = cycle.plateUsed == null ? null : cycle.plateUsed.plate().text();
            v = new LaneSnapshot.Vehicle(cycle.id, cycle.plate, read != null && !read.equals(cycle.plate) ? read : null,
                    List.copyOf(cycle.containers), cycle.declaration == null ? null : cycle.declaration.id(), cycle.weightKg,
                    cycle.seal == null ? null : cycle.seal.sealId(), cycle.seal == null ? null : cycle.seal.lock().name(),
                    cycle.decision, cycle.times);
        }
        Map<String, Boolean> loopView = new LinkedHashMap<>();
        loops.forEach((k, val) -> loopView.put(k.name(), val));
        boolean online = false;
        CentralLink link = refs.link();
        try {
            online = link != null && link.connected();
        } catch (RuntimeException e) {
            online = false;
        }
        return new LaneSnapshot(cfg.laneId, cfg.type.wireName(), state, state.mode(), v, boom.name(), loopView, online,
                alarm, changedAt);
    }
}
