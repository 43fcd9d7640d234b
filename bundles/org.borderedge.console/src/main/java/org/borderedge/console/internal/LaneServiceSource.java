package org.borderedge.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.console.CycleRecord;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.lane.Lane;
import org.borderedge.lane.LaneListener;
import org.borderedge.lane.LaneSnapshot;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.RuleResult;
import org.borderedge.lane.Stage;

/**
 * The console's view of the lane engine's {@link Lane} services: snapshots become lane views, the
 * lanes' live feeds are forwarded, manual actions go to {@link Lane#manual}, and a vehicle leaving
 * the lane (or a new cycle starting) closes its cycle with the durations between the milestones it
 * reached. Used unless another {@link LaneConsoleSource} service is registered.
 */
final class LaneServiceSource implements LaneConsoleSource, AutoCloseable {

    /** The lane engine's rule that checks a border resident's purchase against the quota. */
    static final String RESIDENT_RULE = "resident-quota";

    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    private final List<LaneConsoleListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Lane, LaneListener> feeds = new ConcurrentHashMap<>();
    private final Map<String, LaneSnapshot.Vehicle> inLane = new ConcurrentHashMap<>();

    void laneAdded(Lane lane) {
        lanes.add(lane);
        LaneListener feed = this::publish;
        feeds.put(lane, feed);
        lane.addListener(feed);
    }

    void laneRemoved(Lane lane) {
        lanes.remove(lane);
        LaneListener feed = feeds.remove(lane);
        if (feed != null) {
            try {
                lane.removeListener(feed);
            } catch (RuntimeException laneAlreadyGone) {
                // its component is deactivating
            }
        }
    }

    @Override
    public List<LaneView> lanes() {
        List<LaneView> out = new ArrayList<>();
        for (Lane l : lanes) {
            try {
                out.add(view(l.snapshot()));
            } catch (RuntimeException laneGoing) {
                // skipped: it is being unbound
            }
        }
        out.sort(Comparator.comparing(LaneView::id));
        return out;
    }

    static LaneView view(LaneSnapshot s) {
        LaneView.Vehicle vehicle = null;
        LaneView.Decision decision = null;
        if (s.vehicle() != null) {
            LaneSnapshot.Vehicle v = s.vehicle();
            vehicle = new LaneView.Vehicle(v.plate(), v.containers(), v.declarationId(),
                    v.weightKg() == null ? null : v.weightKg().doubleValue(), false);
            if (v.decision() != null) {
                decision = new LaneView.Decision(v.decision().verdict().name(), v.decision().reasons(),
                        v.decision().time());
            }
        }
        return new LaneView(s.id(), s.type(), s.state().name(), vehicle, decision, s.time(), s.alarm(), resident(s));
    }

    /** The resident-quota rule's facts, which is all a resident-trade lane knows of the person in it. */
    static LaneView.Resident resident(LaneSnapshot s) {
        if (s.vehicle() == null || s.vehicle().decision() == null) {
            return null;
        }
        for (RuleResult r : s.vehicle().decision().rules()) {
            Map<String, Object> d = r.data();
            if (RESIDENT_RULE.equals(r.rule()) && d != null && d.get("residentId") != null) {
                return new LaneView.Resident(String.valueOf(d.get("residentId")), number(d.get("valueVnd")),
                        number(d.get("quotaVnd")), d.get("usedVnd") == null ? null : number(d.get("usedVnd")),
                        String.valueOf(d.getOrDefault("period", "")));
            }
        }
        return null;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    @Override
    public OverrideResult override(String laneId, OverrideAction action, String reason, String user) {
        Lane lane = lanes.stream().filter(l -> l.id().equals(laneId)).findFirst().orElse(null);
        if (lane == null) {
            return OverrideResult.refused("no lane " + laneId);
        }
        ManualResult r = lane.manual(ManualAction.valueOf(action.name()), user, reason);
        return switch (r.status()) {
            case ACCEPTED -> OverrideResult.accepted(lane.state());
            case INVALID -> OverrideResult.invalid(r.reason());
            case REFUSED_INTERLOCK, REFUSED_STATE -> OverrideResult.refused(r.reason());
        };
    }

    /** A snapshot without the previous vehicle, or with another cycle, closes that vehicle's cycle. */
    private void publish(LaneSnapshot s) {
        LaneView v = view(s);
        listeners.forEach(l -> l.laneChanged(v));
        LaneSnapshot.Vehicle before = s.vehicle() == null ? inLane.remove(s.id()) : inLane.put(s.id(), s.vehicle());
        if (before != null && (s.vehicle() == null || !s.vehicle().cycleId().equals(before.cycleId()))) {
            CycleRecord c = cycle(s.id(), before, s.time());
            listeners.forEach(l -> l.cycleCompleted(c));
        }
    }

    static CycleRecord cycle(String laneId, LaneSnapshot.Vehicle v, Instant fallbackTime) {
        Map<String, Duration> stages = new LinkedHashMap<>();
        Instant prev = null;
        for (Stage st : Stage.values()) {
            Instant at = v.stages().get(st);
            if (at != null) {
                if (prev != null) {
                    stages.put(st.name().toLowerCase(Locale.ROOT), Duration.between(prev, at));
                }
                prev = at;
            }
        }
        String outcome = v.decision() == null ? "NONE" : v.decision().verdict().name();
        return new CycleRecord(laneId, outcome, stages, prev == null ? fallbackTime : prev);
    }

    @Override
    public void addListener(LaneConsoleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LaneConsoleListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        for (Lane lane : List.copyOf(lanes)) {
            laneRemoved(lane);
        }
    }
}
