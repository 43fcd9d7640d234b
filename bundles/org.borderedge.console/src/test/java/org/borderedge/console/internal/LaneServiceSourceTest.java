package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.console.CycleRecord;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.core.LaneType;
import org.borderedge.lane.DecisionRecord;
import org.borderedge.lane.Lane;
import org.borderedge.lane.LaneListener;
import org.borderedge.lane.LaneSnapshot;
import org.borderedge.lane.LaneState;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.RuleResult;
import org.borderedge.lane.Stage;
import org.borderedge.lane.StageStat;
import org.borderedge.lane.Verdict;
import org.junit.jupiter.api.Test;

/** The binding to the lane engine's Lane API: snapshots, live feed, manual actions, finished cycles. */
class LaneServiceSourceTest {

    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

    /** A Lane service as the engine registers it, driven by the test. */
    static final class ScriptedLane implements Lane {
        final List<LaneListener> listeners = new CopyOnWriteArrayList<>();
        volatile LaneSnapshot snapshot = LaneServiceSourceTest.snapshot(LaneState.IDLE, null, "");
        ManualResult next = ManualResult.accepted("opened");
        final List<String> asked = new ArrayList<>();

        @Override
        public String id() {
            return "L1";
        }

        @Override
        public LaneType type() {
            return LaneType.ROAD_IMPORT;
        }

        @Override
        public String state() {
            return snapshot.state().name();
        }

        @Override
        public LaneSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public ManualResult manual(ManualAction action, String user, String reason) {
            asked.add(action + " " + user + " " + reason);
            return next;
        }

        @Override
        public List<StageStat> stageStats() {
            return List.of();
        }

        @Override
        public void addListener(LaneListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(LaneListener listener) {
            listeners.remove(listener);
        }

        void show(LaneSnapshot s) {
            snapshot = s;
            listeners.forEach(l -> l.onChange(s));
        }
    }

    static LaneSnapshot snapshot(LaneState state, LaneSnapshot.Vehicle v, String alarm) {
        return new LaneSnapshot("L1", "road-import", state, state.mode(), v, "CLOSED", Map.of("PRESENCE", v != null), true,
                alarm, T0);
    }

    static LaneSnapshot.Vehicle truck(String cycle, int secondsDone, DecisionRecord decision) {
        Map<Stage, Instant> stages = new EnumMap<>(Stage.class);
        Stage[] order = {Stage.ARRIVED, Stage.IDENTIFIED, Stage.WEIGHED, Stage.DECIDED, Stage.BARRIER_OPENED, Stage.PASSED};
        int t = 0;
        for (int i = 0; i < order.length && t <= secondsDone; i++) {
            stages.put(order[i], T0.plusSeconds(t));
            t += i + 1;
        }
        return new LaneSnapshot.Vehicle(cycle, "51C12345", null, List.of("MSCU1234565"), "105123456789",
                new BigDecimal("32450.5"), null, null, decision, stages);
    }

    @Test
    void aResidentLaneShowsThePurchaseAgainstTheQuotaFromTheQuotaRule() {
        Map<String, Object> facts = new java.util.HashMap<>(Map.of("residentId", "LS-4-3381", "valueVnd", 700_000L,
                "quotaVnd", 2_000_000L, "period", "2026-11-23", "periodKind", "DAY", "usedVnd", 1_500_000L));
        DecisionRecord held = new DecisionRecord(Verdict.HOLD, "", List.of(
                new RuleResult("resident-quota", RuleResult.Outcome.HOLD, "quota exceeded", facts)), true, 0, 1, "",
                "engine", T0);
        LaneView view = LaneServiceSource.view(snapshot(LaneState.HELD, truck("r1", 0, held), ""));
        assertEquals(new LaneView.Resident("LS-4-3381", 700_000L, 2_000_000L, 1_500_000L, "2026-11-23"), view.resident());

        facts.remove("usedVnd");
        DecisionRecord ledgerDown = new DecisionRecord(Verdict.HOLD, "", List.of(
                new RuleResult("resident-quota", RuleResult.Outcome.HOLD, "quota ledger unavailable", facts)), true, 0, 1, "",
                "engine", T0);
        assertNull(LaneServiceSource.view(snapshot(LaneState.HELD, truck("r1", 0, ledgerDown), "")).resident().usedVnd(),
                "an unreadable ledger is unknown, not zero");
        assertNull(LaneServiceSource.view(snapshot(LaneState.WEIGHING, truck("c1", 3, null), "")).resident(),
                "no resident before the quota was checked");
    }

    @Test
    void snapshotsBecomeLaneViewsAndFinishedCyclesCarryStageDurations() {
        ScriptedLane lane = new ScriptedLane();
        LaneServiceSource source = new LaneServiceSource();
        source.laneAdded(lane);
        List<LaneView> seen = new ArrayList<>();
        List<CycleRecord> cycles = new ArrayList<>();
        source.addListener(new LaneConsoleListener() {
            @Override
            public void laneChanged(LaneView v) {
                seen.add(v);
            }

            @Override
            public void cycleCompleted(CycleRecord c) {
                cycles.add(c);
            }
        });
        DecisionRecord hold = new DecisionRecord(Verdict.HOLD, "GREEN", List.of(
                new RuleResult("weight", RuleResult.Outcome.HOLD, "32,450 kg is 9 % over the declared 29,800 kg", Map.of()),
                new RuleResult("channel", RuleResult.Outcome.PASS, "", Map.of())), true, 1200, 7, "", "engine", T0.plusSeconds(6));

        lane.show(snapshot(LaneState.WEIGHING, truck("c1", 3, null), ""));
        LaneView weighing = source.lanes().get(0);
        assertEquals("WEIGHING", weighing.state());
        assertEquals("road-import", weighing.type());
        assertEquals(32450.5, weighing.vehicle().weightKg());
        assertEquals(List.of("MSCU1234565"), weighing.vehicle().containers());
        assertNull(weighing.decision());

        lane.show(snapshot(LaneState.HELD, truck("c1", 6, hold), "weight over tolerance"));
        LaneView held = seen.get(seen.size() - 1);
        assertEquals("HOLD", held.decision().outcome());
        assertEquals(List.of("weight: 32,450 kg is 9 % over the declared 29,800 kg"), held.decision().reasons());
        assertEquals("weight over tolerance", held.alarm());
        assertTrue(cycles.isEmpty(), "the vehicle is still in the lane");

        lane.show(snapshot(LaneState.IDLE, null, ""));
        assertEquals(1, cycles.size());
        CycleRecord c = cycles.get(0);
        assertEquals("HOLD", c.outcome());
        assertEquals(List.of("identified", "weighed", "decided"), List.copyOf(c.stages().keySet()));
        assertEquals(Duration.ofSeconds(1), c.stages().get("identified"));
        assertEquals(Duration.ofSeconds(3), c.stages().get("decided"));

        lane.show(snapshot(LaneState.IDENTIFYING, truck("c2", 0, null), ""));
        lane.show(snapshot(LaneState.IDENTIFYING, truck("c3", 0, null), ""));
        assertEquals(2, cycles.size(), "a new cycle id closes the previous one");
    }

    @Test
    void manualActionsMapToAcceptedRefusedOrInvalid() {
        ScriptedLane lane = new ScriptedLane();
        LaneServiceSource source = new LaneServiceSource();
        source.laneAdded(lane);

        OverrideResult ok = source.override("L1", OverrideAction.OPEN, "QR reader down", "tech");
        assertTrue(ok.accepted());
        assertEquals(List.of("OPEN tech QR reader down"), lane.asked);

        lane.next = ManualResult.refusedInterlock("safety loop occupied");
        OverrideResult refused = source.override("L1", OverrideAction.CLOSE, "close it", "tech");
        assertEquals(OverrideResult.Outcome.REFUSED, refused.outcome());
        assertEquals("safety loop occupied", refused.message());

        lane.next = ManualResult.refusedState("nothing to release");
        assertEquals(OverrideResult.Outcome.REFUSED, source.override("L1", OverrideAction.RELEASE, "x", "tech").outcome());
        lane.next = ManualResult.invalid("no user given");
        assertEquals(OverrideResult.Outcome.INVALID, source.override("L1", OverrideAction.HOLD, "x", "tech").outcome());
        assertFalse(source.override("L9", OverrideAction.OPEN, "x", "tech").accepted());

        source.laneRemoved(lane);
        assertTrue(lane.listeners.isEmpty(), "unbinding a lane stops following it");
        assertTrue(source.lanes().isEmpty());
    }
}
