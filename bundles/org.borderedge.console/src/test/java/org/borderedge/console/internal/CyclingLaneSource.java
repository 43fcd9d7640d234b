package org.borderedge.console.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.borderedge.console.CycleRecord;
import org.borderedge.console.LaneConsoleListener;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.LaneView.Decision;
import org.borderedge.console.LaneView.Vehicle;
import org.borderedge.console.OverrideAction;
import org.borderedge.console.OverrideResult;

/**
 * Stand-in for the lane engine in the console tests: lane L1 runs a truck through arrival, plate,
 * weighing, decision and exit, step by step (on demand or on a timer); lane L2 stays idle unless
 * told otherwise. Its interlock refuses CLOSE while a vehicle is on the exit loop (PASSING).
 */
final class CyclingLaneSource implements LaneConsoleSource, AutoCloseable {

    static final String[] CYCLE = {"IDLE", "ARRIVED", "READING", "WEIGHING", "DECIDING", "RELEASED", "PASSING"};
    static final String PLATE = "51C12345";
    static final String CONTAINER = "MSCU1234565";
    static final String DECLARATION = "105123456789";

    private final Clock clock;
    private final List<LaneConsoleListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LaneView> lanes = new LinkedHashMap<>();
    private final Map<String, Instant> stageStart = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cycling-lanes");
        t.setDaemon(true);
        return t;
    });
    private int step;
    private int cycles;
    private final byte[] crop = plateImage(PLATE);

    CyclingLaneSource(Clock clock) {
        this.clock = clock;
        lanes.put("L1", new LaneView("L1", "road-import", "IDLE", null, null, clock.instant()));
        lanes.put("L2", new LaneView("L2", "road-export", "IDLE", null, null, clock.instant()));
    }

    private volatile String pauseAt;
    private volatile boolean paused;

    void autoAdvance(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            if (!paused) {
                advance();
                paused = CYCLE[currentStep()].equals(pauseAt);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The timer stops the next time L1 enters this state, so a test can look at it; null resumes. */
    void pauseAt(String state) {
        pauseAt = state;
        if (state == null) {
            paused = false;
        }
    }

    private synchronized int currentStep() {
        return step;
    }

    synchronized int cycles() {
        return cycles;
    }

    /** Moves L1 one stage on; after PASSING the cycle completes and the lane is IDLE again. */
    synchronized void advance() {
        Instant now = clock.instant();
        String from = CYCLE[step];
        stageStart.put(from.toLowerCase(), now);
        step = (step + 1) % CYCLE.length;
        String state = CYCLE[step];
        Vehicle v = switch (state) {
            case "IDLE" -> null;
            case "ARRIVED" -> new Vehicle(null, List.of(), null, null, false);
            case "READING" -> new Vehicle(PLATE, List.of(CONTAINER), DECLARATION, null, true);
            default -> new Vehicle(PLATE, List.of(CONTAINER), DECLARATION, 32_450.0, true);
        };
        Decision d = switch (state) {
            case "RELEASED", "PASSING" -> new Decision("RELEASE", List.of("Declaration " + DECLARATION + ": green channel",
                    "Weight 32,450 kg within 2 % of declared"), now);
            default -> null;
        };
        publish(new LaneView("L1", "road-import", state, v, d, now));
        if (state.equals("IDLE")) {
            cycles++;
            Map<String, Duration> stages = new LinkedHashMap<>();
            String[] names = {"arrival", "plate", "weighing", "decision", "exit"};
            for (int i = 0; i < names.length; i++) {
                // deterministic but varied durations so p50 and p95 differ
                stages.put(names[i], Duration.ofMillis(200L * (i + 1) + 37L * ((cycles * (i + 3)) % 11)));
            }
            CycleRecord rec = new CycleRecord("L1", "RELEASE", stages, now);
            listeners.forEach(l -> l.cycleCompleted(rec));
        }
    }

    synchronized void set(String laneId, String state) {
        LaneView old = lanes.get(laneId);
        publish(new LaneView(laneId, old.type(), state, old.vehicle(), old.decision(), clock.instant()));
    }

    private void publish(LaneView v) {
        lanes.put(v.id(), v);
        listeners.forEach(l -> l.laneChanged(v));
    }

    @Override
    public synchronized List<LaneView> lanes() {
        return new ArrayList<>(lanes.values());
    }

    @Override
    public Optional<byte[]> plateCrop(String laneId) {
        LaneView v = lanes.get(laneId);
        return v != null && v.vehicle() != null && v.vehicle().plateCrop() ? Optional.of(crop) : Optional.empty();
    }

    @Override
    public synchronized OverrideResult override(String laneId, OverrideAction action, String reason, String user) {
        LaneView v = lanes.get(laneId);
        if (action == OverrideAction.CLOSE && v.state().equals("PASSING")) {
            return OverrideResult.refused("exit loop occupied: a vehicle is under the barrier");
        }
        String state = "MANUAL_" + action.name();
        String alarm = action == OverrideAction.HOLD ? "held by " + user + ": " + reason : "";
        publish(new LaneView(laneId, v.type(), state, v.vehicle(), v.decision(), clock.instant(), alarm));
        return OverrideResult.accepted(state);
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
        timer.shutdownNow();
    }

    static byte[] plateImage(String plate) {
        BufferedImage img = new BufferedImage(240, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(245, 245, 240));
        g.fillRect(0, 0, 240, 80);
        g.setColor(Color.BLACK);
        g.drawRect(3, 3, 233, 73);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 34));
        g.drawString(plate.substring(0, 3) + "-" + plate.substring(3), 22, 52);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
