package org.borderedge.console.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.borderedge.console.CycleRecord;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneView;

/**
 * Fans lane changes out to the browsers watching (Server-Sent Events) and feeds finished cycles
 * into the stage statistics. Also remembers the last manual action per lane, so every console
 * shows it on the lane whatever the engine reports. Lane threads only enqueue: the writes to
 * browsers happen on the console's own fan-out thread, so a slow browser never stalls a lane.
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
    /** Oldest updates are dropped when browsers cannot keep up; the next update carries the full lane. */
    private final ExecutorService fanout = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "console-live-fanout");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());

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
        later(() -> send("lane", laneJson.apply(lane)));
    }

    @Override
    public void cycleCompleted(CycleRecord cycle) {
        stats.record(cycle);
        later(() -> send("cycle", "{\"lane\":" + quote(cycle.laneId()) + ",\"outcome\":" + quote(cycle.outcome()) + "}"));
    }

    void broadcast(String event, String data) {
        later(() -> send(event, data));
    }

    private void later(Runnable r) {
        try {
            fanout.execute(r);
        } catch (RejectedExecutionException closed) {
            // console shutting down
        }
    }

    private void send(String event, String data) {
        for (Client c : clients) {
            boolean delivered;
            try {
                delivered = c.send(event, data);
            } catch (RuntimeException responseGone) {
                delivered = false;
            }
            if (!delivered) {
                clients.remove(c);
                c.close();
            }
        }
    }

    void closeAll() {
        fanout.shutdownNow();
        for (Client c : clients) {
            c.close();
        }
        clients.clear();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
