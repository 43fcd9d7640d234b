package org.borderedge.console.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.borderedge.console.CycleRecord;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneView;

/**
 * Fans lane changes out to the browsers watching (Server-Sent Events) and feeds finished cycles
 * into the stage statistics. Also remembers the last manual action per lane, so every console
 * shows it on the lane whatever the engine reports.
 */
final class LiveLanes implements LaneConsoleListener {

    /** A connected browser; {@code send} returns false once the client is gone. */
    interface Client {
        boolean send(String event, String data);

        void close();
    }

    record ManualNote(String action, String reason, String user, String at, boolean accepted, String refusal) {
    }

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, ManualNote> manual = new ConcurrentHashMap<>();
    private final StageStats stats;
    private final Function<LaneView, String> laneJson;

    LiveLanes(StageStats stats, Function<LaneView, String> laneJson) {
        this.stats = stats;
        this.laneJson = laneJson;
    }

    void join(Client c) {
        clients.add(c);
    }

    void leave(Client c) {
        clients.remove(c);
    }

    int watching() {
        return clients.size();
    }

    ManualNote manual(String laneId) {
        return manual.get(laneId);
    }

    void noteManual(String laneId, ManualNote note) {
        manual.put(laneId, note);
    }

    @Override
    public void laneChanged(LaneView lane) {
        broadcast("lane", laneJson.apply(lane));
    }

    @Override
    public void cycleCompleted(CycleRecord cycle) {
        stats.record(cycle);
        broadcast("cycle", "{\"lane\":" + quote(cycle.laneId()) + ",\"outcome\":" + quote(cycle.outcome()) + "}");
    }

    void broadcast(String event, String data) {
        for (Client c : clients) {
            if (!c.send(event, data)) {
                clients.remove(c);
                c.close();
            }
        }
    }

    void closeAll() {
        for (Client c : clients) {
            c.close();
        }
        clients.clear();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
