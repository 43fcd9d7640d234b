package org.borderedge.device.barrier.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.borderedge.core.Ticker;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceState;
import org.borderedge.device.Observation;
import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.Observation.Loop;
import org.borderedge.device.barrier.PollTiming;
import org.borderedge.device.barrier.RelayBoardMap;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusResult;
import org.borderedge.transport.modbus.ModbusStatus;
import org.borderedge.transport.modbus.ModbusTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One barrier on a relay board. A poll thread reads the inputs on a fixed schedule and reports
 * loops, boom position and alarms only when they change; commands pulse a relay on a command
 * thread. CLOSE is refused while the safety loop is occupied or its state is unknown, and a
 * vehicle entering the safety loop during a close makes the driver pulse OPEN: the barrier's own
 * safety logic is the first line, this is the second.
 */
final class RelayBarrierHandler implements DeviceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RelayBarrierHandler.class);
    /** Successful polls needed before a DEGRADED or OFFLINE barrier is trusted ONLINE again. */
    private static final int RECOVERY_POLLS = 2;
    private static final int RELAY_OFF_ATTEMPTS = 5;

    private final DeviceContext ctx;
    private final ModbusTransport transport;
    private final Ticker ticker;
    private final PollTiming timing;

    private RelayBoardMap map;
    private ModbusLine line;
    private int unit;
    private Thread poller;
    private ScheduledExecutorService commands;
    private volatile boolean running;

    // Written by the poll thread only.
    private BarrierInputs last;
    private BarrierPosition lastPosition;
    private int failures;
    private int goodStreak;
    private boolean everOnline;
    private DeviceState reported;
    private String reportedReason = "";

    /** False until the first good poll and after any failed poll: the safety loop state is then unknown. */
    private volatile boolean inputsValid;
    private volatile boolean safetyOccupied;
    private volatile String unknownReason = "no poll yet";
    private volatile BarrierAction lastAction;

    // Confined to the command thread.
    private final Map<Integer, ScheduledFuture<?>> pulsing = new HashMap<>();

    RelayBarrierHandler(DeviceContext ctx, ModbusTransport transport, Ticker ticker, PollTiming timing) {
        this.ctx = ctx;
        this.transport = transport;
        this.ticker = ticker;
        this.timing = timing;
    }

    @Override
    public void initialize() {
        try {
            map = RelayBoardMap.from(ctx.profile(), ctx.options());
            line = transport.line(ctx.endpoint());
        } catch (IllegalArgumentException e) {
            report(DeviceState.OFFLINE, e.getMessage());
            return;
        }
        unit = line.endpoint().unit();
        report(DeviceState.OFFLINE, "connecting to unit " + unit + " at " + line.endpoint().lineKey());
        commands = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "barrier-cmd-" + ctx.deviceId()));
        running = true;
        poller = daemon(this::pollLoop, "barrier-poll-" + ctx.deviceId());
        poller.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Fixed-rate schedule from a start instant; a poll that overruns skips the slots it missed. */
    private void pollLoop() {
        long period = map.pollMs() * 1_000_000L;
        long start = ticker.nanos();
        long slot = 0;
        while (running) {
            long scheduled = start + slot * period;
            for (long wait = scheduled - ticker.nanos(); wait > 0 && running; wait = scheduled - ticker.nanos()) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                return;
            }
            timing.pollStarted(ctx.deviceId(), Math.abs(ticker.nanos() - scheduled));
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.error("Barrier {}: poll failed", ctx.deviceId(), e);
                ctx.count("poll_errors");
            }
            slot++;
            long behind = ticker.nanos() - (start + slot * period);
            if (behind >= period) {
                long skipped = behind / period;
                slot += skipped;
                ctx.count("poll_overruns", skipped);
            }
        }
    }

    void pollOnce() {
        ctx.count("polls");
        int address = map.inputAddress(1);
        int count = map.inputCount();
        ModbusResult r = switch (map.inputRead()) {
            case DISCRETE_INPUTS -> line.readDiscreteInputs(unit, address, count);
            case INPUT_REGISTERS -> line.readInputRegisters(unit, address, count);
            case COILS -> line.readCoils(unit, address, count);
            case HOLDING_REGISTERS -> line.readHoldingRegisters(unit, address, count);
        };
        if (!r.ok()) {
            failed(r);
            return;
        }
        boolean[] raw;
        if (map.inputRead() == RelayBoardMap.InputRead.DISCRETE_INPUTS || map.inputRead() == RelayBoardMap.InputRead.COILS) {
            raw = r.bits();
        } else {
            int[] regs = r.registers();
            raw = new boolean[regs.length];
            for (int i = 0; i < regs.length; i++) {
                raw[i] = regs[i] != 0;
            }
        }
        ctx.seen();
        failures = 0;
        goodStreak++;
        apply(BarrierInputs.of(map, raw));
        if (reported != DeviceState.ONLINE && (!everOnline || goodStreak >= RECOVERY_POLLS)) {
            everOnline = true;
            report(DeviceState.ONLINE, "");
        }
    }

    private void apply(BarrierInputs now) {
        BarrierInputs prev = last;
        last = now;
        safetyOccupied = now.safety();
        inputsValid = true;
        Instant t = ctx.clock().instant();
        loop(Loop.PRESENCE, map.presenceLoopInput(), prev == null ? null : prev.presence(), now.presence(), t);
        loop(Loop.SAFETY, map.safetyLoopInput(), prev == null ? null : prev.safety(), now.safety(), t);
        loop(Loop.EXIT, map.exitLoopInput(), prev == null ? null : prev.exit(), now.exit(), t);
        BarrierPosition position = now.position(map);
        if (position != lastPosition) {
            lastPosition = position;
            ctx.observe(new Observation.BarrierPositionChanged(position, t));
            if (now.openLimit() && now.closeLimit()) {
                ctx.count("limit_conflicts");
                ctx.observe(new Observation.BarrierAlarm("LIMITS_CONFLICT",
                        "open limit (input " + map.openLimitInput() + ") and close limit (input " + map.closeLimitInput()
                                + ") both active: check the limit switches", t));
            }
        }
        if (map.forcedOpenInput() > 0 && now.forcedOpen() != (prev != null && prev.forcedOpen())) {
            ctx.observe(new Observation.BarrierAlarm(now.forcedOpen() ? "FORCED_OPEN" : "FORCED_OPEN_CLEARED",
                    now.forcedOpen() ? "forced-open input " + map.forcedOpenInput() + " active: boom lifted without a command"
                            : "forced-open input " + map.forcedOpenInput() + " back to normal", t));
        }
        if (now.safety() && prev != null && !prev.safety() && lastAction == BarrierAction.CLOSE
                && position != BarrierPosition.CLOSED) {
            ctx.count("safety_reopens");
            ctx.observe(new Observation.BarrierAlarm("SAFETY_REOPEN",
                    "vehicle entered the safety loop while the boom was closing: pulsing OPEN", t));
            submit(() -> pulse(BarrierAction.OPEN));
        }
    }

    private void loop(Loop loop, int input, Boolean before, boolean now, Instant t) {
        if (input > 0 && (before == null || before != now)) {
            ctx.observe(new Observation.LoopChanged(loop, now, t));
        }
    }

    private void failed(ModbusResult r) {
        ctx.count(switch (r.status()) {
            case TIMEOUT -> "timeouts";
            case EXCEPTION -> "exceptions";
            case MALFORMED -> "malformed";
            default -> "disconnected";
        });
        failures++;
        goodStreak = 0;
        String reason = "reading inputs: " + r.detail();
        // Whatever went wrong, the last good reading is no proof that the safety loop is still free.
        unknownReason = reason;
        inputsValid = false;
        boolean silent = r.status() == ModbusStatus.TIMEOUT || r.status() == ModbusStatus.DISCONNECTED;
        if (silent && failures >= map.offlineAfterFailures()) {
            if (lastPosition != BarrierPosition.UNKNOWN && lastPosition != null) {
                lastPosition = BarrierPosition.UNKNOWN;
                ctx.observe(new Observation.BarrierPositionChanged(BarrierPosition.UNKNOWN, ctx.clock().instant()));
            }
            report(DeviceState.OFFLINE, reason);
        } else if (everOnline) {
            report(DeviceState.DEGRADED, reason);
        } else {
            report(DeviceState.OFFLINE, reason);
        }
    }

    private void report(DeviceState state, String reason) {
        synchronized (this) {
            if (state == reported && reason.equals(reportedReason)) {
                return;
            }
            reported = state;
            reportedReason = reason;
        }
        switch (state) {
            case ONLINE -> ctx.online();
            case DEGRADED -> ctx.degraded(reason);
            case OFFLINE -> ctx.offline(reason);
        }
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        if (!(command instanceof DeviceCommand.Barrier barrier)) {
            return CompletableFuture.completedFuture(CommandResult.refused(
                    "a barrier does not take " + command.getClass().getSimpleName() + " commands"));
        }
        if (commands == null) {
            return CompletableFuture.completedFuture(CommandResult.refused("barrier " + ctx.deviceId()
                    + " is not running: " + reportedReason));
        }
        try {
            return CompletableFuture.supplyAsync(() -> command(barrier.action()), commands);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(CommandResult.refused("barrier " + ctx.deviceId() + " was disposed"));
        }
    }

    private CommandResult command(BarrierAction action) {
        ctx.count("commands");
        if (action == BarrierAction.CLOSE && map.safetyLoopInput() > 0) {
            if (!inputsValid) {
                ctx.count("commands_refused");
                return CommandResult.refused("CLOSE refused: safety loop state unknown (" + unknownReason + ")");
            }
            if (safetyOccupied) {
                ctx.count("commands_refused");
                return CommandResult.refused("CLOSE refused: safety loop occupied");
            }
        }
        return pulse(action);
    }

    /** Runs on the command thread. Other pulses end first: OPEN and CLOSE contacts must never be made together. */
    private CommandResult pulse(BarrierAction action) {
        int relay = map.relayFor(action);
        for (Map.Entry<Integer, ScheduledFuture<?>> e : Map.copyOf(pulsing).entrySet()) {
            if (e.getKey() != relay && e.getValue().cancel(false)) {
                pulsing.remove(e.getKey());
                relayOff(e.getKey(), 1);
            }
        }
        ModbusResult r = writeRelay(relay, true);
        if (!r.ok()) {
            ctx.count("commands_failed");
            return CommandResult.refused(action + " failed: relay " + relay + " could not be switched: " + r.detail());
        }
        lastAction = action;
        ScheduledFuture<?> previous = pulsing.put(relay,
                commands.schedule(() -> relayOff(relay, 1), map.pulseMs(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
        return CommandResult.ok();
    }

    private void relayOff(int relay, int attempt) {
        pulsing.remove(relay);
        ModbusResult r = writeRelay(relay, false);
        if (r.ok()) {
            return;
        }
        ctx.count("relay_off_failures");
        if (attempt < RELAY_OFF_ATTEMPTS && running) {
            submitLater(() -> relayOff(relay, attempt + 1), 100);
        } else {
            LOG.error("Barrier {}: relay {} may be stuck on: {}", ctx.deviceId(), relay, r.detail());
            report(DeviceState.DEGRADED, "relay " + relay + " may be stuck on: " + r.detail());
        }
    }

    private ModbusResult writeRelay(int relay, boolean on) {
        int address = map.relayAddress(relay);
        int value = on ? map.onValue() : map.offValue();
        return map.relayWrite() == RelayBoardMap.RelayWrite.COIL
                ? line.writeCoilValue(unit, address, value)
                : line.writeRegister(unit, address, value);
    }

    private void submit(Runnable r) {
        try {
            commands.execute(r);
        } catch (RejectedExecutionException ignored) {
            // disposed meanwhile: nothing more to drive
        }
    }

    private void submitLater(Runnable r, long ms) {
        try {
            commands.schedule(r, ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // disposed meanwhile
        }
    }

    @Override
    public void dispose() {
        running = false;
        Thread t = poller;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (commands != null) {
            commands.shutdownNow();
            try {
                commands.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (line != null) {
            line.close();
        }
    }
}
