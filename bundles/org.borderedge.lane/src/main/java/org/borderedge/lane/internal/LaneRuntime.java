package org.borderedge.lane.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.borderedge.core.EventDraft;
import org.borderedge.core.GateEvent;
import org.borderedge.core.LaneType;
import org.borderedge.core.Ticker;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.lane.Lane;
import org.borderedge.lane.LaneListener;
import org.borderedge.lane.LaneSnapshot;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.borderedge.lane.ResidentLedger;
import org.borderedge.lane.ResidentPurchase;
import org.borderedge.lane.StageStat;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link LaneEngine} against real devices and the outbox, without any OSGi: device threads,
 * the timer and manual actions all go through one queue, so the engine sees one input at a time.
 * Effects are carried out in order: an event is journalled durably before anything after it happens;
 * if journalling fails the rest of the step is dropped (except a safety re-open) and the lane goes MANUAL.
 */
public final class LaneRuntime implements Lane, DeviceListener {

    private static final Logger LOG = LoggerFactory.getLogger(LaneRuntime.class);

    private final LaneEngine engine;
    private final Supplier<Outbox> outbox;
    private final ReferenceSource refs;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<LaneInput> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final List<LaneListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor worker;
    private final AtomicLong rejected = new AtomicLong();
    private volatile LaneSnapshot snapshot;

    /** Processes inputs on the thread that delivers them (tests, benchmarks). */
    public LaneRuntime(LaneConfig config, Clock clock, Ticker ticker, ReferenceSource refs, Supplier<Outbox> outbox) {
        this(config, clock, ticker, refs, outbox, Runnable::run);
    }

    /**
     * @param worker where queued inputs are processed; the component gives each lane its own thread so a
     *        device callback returns at once and a slow lane never holds up a device or another lane
     */
    public LaneRuntime(LaneConfig config, Clock clock, Ticker ticker, ReferenceSource refs, Supplier<Outbox> outbox,
            Executor worker) {
        this.engine = new LaneEngine(config, clock, ticker, refs);
        this.outbox = Objects.requireNonNull(outbox, "outbox supplier");
        this.refs = refs;
        this.worker = Objects.requireNonNull(worker, "worker");
        this.snapshot = engine.snapshot();
    }

    // ------------------------------------------------------------------ wiring

    public void bind(Device device) {
        devices.put(device.id(), device);
        device.addListener(this);
        submit(new LaneInput.StatusChanged(device.id(), device.kind(), device.status()));
    }

    public void unbind(Device device) {
        device.removeListener(this);
        if (devices.remove(device.id(), device)) {
            submit(new LaneInput.DeviceGone(device.id(), device.kind()));
        }
    }

    @Override
    public void onObservation(Device source, Observation observation) {
        String problem = ObservationCheck.problem(observation);
        if (problem != null) {
            rejected.incrementAndGet();
            LOG.warn("Lane {}: ignored an observation from {}: {}", id(), source.id(), problem);
            return;
        }
        submit(new LaneInput.Observed(source.id(), source.kind(), observation));
    }

    /** Observations refused as malformed (null fields) since start. */
    public long rejectedObservations() {
        return rejected.get();
    }

    @Override
    public void onStatus(Device source, DeviceStatus status) {
        submit(new LaneInput.StatusChanged(source.id(), source.kind(), status));
    }

    /** Checks timeouts and delays; the component calls it periodically, tests after moving the ticker. */
    public void tick() {
        submit(new LaneInput.Tick());
    }

    // ------------------------------------------------------------------ Lane

    @Override
    public String id() {
        return engine.config().laneId;
    }

    @Override
    public LaneType type() {
        return engine.config().type;
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
        lock.lock();
        try {
            ManualResult result;
            try {
                result = engine.manual(action, user, reason);
            } catch (RuntimeException e) {
                LOG.error("Lane {}: manual {} failed", id(), action, e);
                return ManualResult.refusedState("lane error: " + e);
            }
            execute(engine.drainEffects(), false);
            publish();
            drain();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Why a CLOSE would be refused right now, empty when the interlock allows it. */
    public java.util.Optional<String> closeRefusal() {
        lock.lock();
        try {
            return engine.closeRefusal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StageStat> stageStats() {
        return engine.stats().snapshot();
    }

    @Override
    public Map<String, List<StageStat>> stageStatsByChannel() {
        return engine.statsByChannel();
    }

    @Override
    public void addListener(LaneListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LaneListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------ the queue

    private void submit(LaneInput input) {
        queue.add(input);
        if (lock.isHeldByCurrentThread()) {
            // Re-entrant call (a device answering synchronously): the outer drain picks it up, in order.
            return;
        }
        try {
            worker.execute(this::drainLocked);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The lane is being deactivated: nothing will process this input any more.
            queue.clear();
        }
    }

    private void drainLocked() {
        lock.lock();
        try {
            drain();
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        LaneInput input;
        while ((input = queue.poll()) != null) {
            try {
                engine.handle(input);
                execute(engine.drainEffects(), false);
            } catch (RuntimeException e) {
                LOG.error("Lane {}: engine failed on {}", id(), input, e);
                engine.drainEffects();
                engine.handle(new LaneInput.Fault("internal error on " + input.getClass().getSimpleName() + ": " + e));
                execute(engine.drainEffects(), true);
            }
            publish();
        }
    }

    /**
     * Carries out a step's effects in order. The events before each command are journalled together
     * (one group commit where the outbox supports it) and must be durable before that command is handed
     * to its device.
     */
    private void execute(List<LaneEffect> effects, boolean faultHandling) {
        String journalFailure = null;
        List<EventDraft> batch = new ArrayList<>();
        for (LaneEffect effect : effects) {
            if (effect instanceof LaneEffect.Emit emit) {
                batch.add(emit.draft());
            } else if (effect instanceof LaneEffect.RecordPurchase r) {
                if (journalFailure == null) {
                    journalFailure = journal(batch);
                }
                if (journalFailure == null) {
                    journalFailure = recordPurchase(r.purchase());
                }
            } else if (effect instanceof LaneEffect.Command c) {
                if (journalFailure == null) {
                    journalFailure = journal(batch);
                }
                if (journalFailure == null || c.safety()) {
                    dispatch(c.kind(), c.command());
                }
            }
        }
        if (journalFailure == null) {
            journalFailure = journal(batch);
        }
        if (journalFailure != null && !faultHandling) {
            engine.handle(new LaneInput.Fault(journalFailure));
            execute(engine.drainEffects(), true);
        }
    }

    /** Journals and clears the batch; returns why it failed, or null. */
    private String journal(List<EventDraft> batch) {
        if (batch.isEmpty()) {
            return null;
        }
        try {
            Outbox o = outbox.get();
            if (o == null) {
                throw new OutboxException("no outbox service");
            }
            if (batch.size() == 1) {
                o.append(batch.get(0));
            } else {
                // Handed over in order, waited for together: one group commit for the whole step.
                List<CompletableFuture<GateEvent>> pending = new ArrayList<>(batch.size());
                for (EventDraft d : batch) {
                    pending.add(o.appendAsync(d));
                }
                for (CompletableFuture<GateEvent> f : pending) {
                    f.get();
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while journalling " + batch.stream().map(d -> d.type().name()).toList();
        } catch (ExecutionException e) {
            String failure = "could not journal " + batch.stream().map(d -> d.type().name()).toList() + ": "
                    + (e.getCause() == null ? e : e.getCause().getMessage());
            LOG.error("Lane {}: {}", id(), failure, e.getCause());
            return failure;
        } catch (OutboxException | RuntimeException e) {
            String failure = "could not journal " + batch.stream().map(d -> d.type().name()).toList() + ": " + e.getMessage();
            LOG.error("Lane {}: {}", id(), failure, e);
            return failure;
        } finally {
            batch.clear();
        }
    }

    /** Stores a resident's purchase in the ledger; returns why it failed, or null. */
    private String recordPurchase(ResidentPurchase purchase) {
        ResidentLedger ledger = refs == null ? null : refs.residentLedger();
        try {
            if (ledger == null) {
                throw new IllegalStateException("no resident ledger service");
            }
            ledger.record(purchase);
            return null;
        } catch (RuntimeException e) {
            String failure = "could not record the purchase of resident " + purchase.residentId() + ": " + e.getMessage();
            LOG.error("Lane {}: {}", id(), failure, e);
            return failure;
        }
    }

    private void dispatch(String kind, DeviceCommand command) {
        Device target = null;
        for (Device d : devices.values()) {
            if (d.kind().equals(kind) && (target == null || d.status().isOnline())) {
                target = d;
            }
        }
        if (target == null) {
            queue.add(new LaneInput.CommandFailed("", kind, command, "no " + kind + " on lane " + id()));
            return;
        }
        Device device = target;
        try {
            device.execute(command).whenComplete((result, error) -> {
                if (error != null) {
                    submit(new LaneInput.CommandFailed(device.id(), kind, command, error.toString()));
                } else if (!result.accepted()) {
                    submit(new LaneInput.CommandFailed(device.id(), kind, command, result.reason()));
                }
            });
        } catch (RuntimeException e) {
            queue.add(new LaneInput.CommandFailed(device.id(), kind, command, "execute failed: " + e));
        }
    }

    private void publish() {
        if (!engine.takeChanged()) {
            return;
        }
        LaneSnapshot s = engine.snapshot();
        snapshot = s;
        for (LaneListener l : listeners) {
            try {
                l.onChange(s);
            } catch (RuntimeException e) {
                LOG.warn("Lane {}: listener failed", id(), e);
            }
        }
    }
}
