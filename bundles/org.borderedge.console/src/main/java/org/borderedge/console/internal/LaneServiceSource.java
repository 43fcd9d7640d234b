package org.borderedge.console.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.lane.Lane;

/**
 * INTEGRATION SEAM: the console's view of the Lane services, used when no other
 * {@link LaneConsoleSource} service is registered. Today's Lane API has only id, type and state,
 * so this polls the state once a second and refuses manual actions. When the lane engine's Lane
 * (snapshot, manual, listeners) is merged, replace the four marked methods; the bundle README
 * (section "Binding the lane engine") has the code.
 */
final class LaneServiceSource implements LaneConsoleSource, AutoCloseable {

    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    private final List<LaneConsoleListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastStates = new HashMap<>();
    private ScheduledExecutorService poller;
    private ScheduledFuture<?> polling;

    /** Called by the component when a Lane service binds. INTEGRATION: subscribe to the lane's live feed here. */
    void laneAdded(Lane lane) {
        lanes.add(lane);
    }

    /** INTEGRATION: unsubscribe here. */
    void laneRemoved(Lane lane) {
        lanes.remove(lane);
    }

    @Override
    public List<LaneView> lanes() {
        List<LaneView> out = new ArrayList<>();
        for (Lane l : lanes) {
            out.add(view(l));
        }
        out.sort(Comparator.comparing(LaneView::id));
        return out;
    }

    /** INTEGRATION: map the lane's snapshot (vehicle, weight, decision and reasons). */
    private static LaneView view(Lane l) {
        return new LaneView(l.id(), l.type() == null ? "" : l.type().wireName(), l.state(), null, null, null);
    }

    /** INTEGRATION: call the lane's manual action; interlock refusals become {@link OverrideResult#refused}. */
    @Override
    public OverrideResult override(String laneId, OverrideAction action, String reason, String user) {
        return OverrideResult.refused("manual actions are not available: the lane engine is not connected to the console");
    }

    @Override
    public synchronized void addListener(LaneConsoleListener listener) {
        listeners.add(listener);
        if (polling == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "console-lane-poll");
                t.setDaemon(true);
                return t;
            });
            polling = poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void removeListener(LaneConsoleListener listener) {
        listeners.remove(listener);
    }

    private void poll() {
        try {
            for (LaneView v : lanes()) {
                String before = lastStates.put(v.id(), v.state());
                if (!v.state().equals(before)) {
                    listeners.forEach(l -> l.laneChanged(v));
                }
            }
        } catch (RuntimeException laneGoneMidPoll) {
            // the next poll sees the new set of lanes
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
