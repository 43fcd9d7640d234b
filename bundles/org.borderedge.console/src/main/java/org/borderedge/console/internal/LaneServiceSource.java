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
import java.util.function.Supplier;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;
import org.borderedge.lane.Lane;

/**
 * INTEGRATION SEAM. The console's view of the Lane services when no {@link LaneConsoleSource}
 * service is registered. Today's Lane API only has id, type and state, so this polls the state
 * once a second and refuses manual actions. When the lane engine's richer Lane API lands, bind it
 * here: {@link #view} (snapshot: vehicle, weight, decision), {@link #override} (manual actions,
 * interlock refusals as {@link OverrideResult#refused}), {@link #plateCrop}, and replace the
 * polling by the engine's live listener (forward to {@link LaneConsoleListener#laneChanged} and
 * {@link LaneConsoleListener#cycleCompleted}).
 */
final class LaneServiceSource implements LaneConsoleSource, AutoCloseable {

    private final Supplier<List<Lane>> lanes;
    private final List<LaneConsoleListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private final Map<String, String> lastStates = new HashMap<>();
    private ScheduledFuture<?> polling;

    LaneServiceSource(Supplier<List<Lane>> lanes) {
        this.lanes = lanes;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-lane-poll");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<LaneView> lanes() {
        List<LaneView> out = new ArrayList<>();
        for (Lane l : lanes.get()) {
            out.add(view(l));
        }
        out.sort(Comparator.comparing(LaneView::id));
        return out;
    }

    private static LaneView view(Lane l) {
        return new LaneView(l.id(), l.type() == null ? "" : l.type().wireName(), l.state(), null, null, null);
    }

    @Override
    public OverrideResult override(String laneId, OverrideAction action, String reason, String user) {
        return OverrideResult.refused("manual actions are not available: the lane engine is not connected to the console");
    }

    @Override
    public synchronized void addListener(LaneConsoleListener listener) {
        listeners.add(listener);
        if (polling == null) {
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
            // next poll sees the new set of lanes
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
