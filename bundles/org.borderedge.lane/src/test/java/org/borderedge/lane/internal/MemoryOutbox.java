package org.borderedge.lane.internal;

import java.util.ArrayList;
import java.util.List;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventIds;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.borderedge.outbox.OutboxStats;

/** An in-memory journal with a gap-free sequence; it can be told to fail appends. */
final class MemoryOutbox implements Outbox {

    private final List<GateEvent> events = new ArrayList<>();
    private final EventIds ids = new EventIds(java.time.Clock.systemUTC());
    volatile boolean failing;

    @Override
    public synchronized GateEvent append(EventDraft d) throws OutboxException {
        if (failing) {
            throw new OutboxException("disk full (test)");
        }
        GateEvent e = new GateEvent(ids.nextId(), "gw-test", 1, events.size() + 1, d.type(), d.laneId(), d.priority(),
                d.time(), d.payload());
        events.add(e);
        return e;
    }

    @Override
    public synchronized List<GateEvent> readAfter(long afterSeq, int limit) {
        return events.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public synchronized OutboxStats stats() {
        return new OutboxStats(1, events.size(), events.size(), 0, 0, "");
    }

    synchronized List<GateEvent> all() {
        return List.copyOf(events);
    }

    synchronized List<GateEvent> of(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    synchronized GateEvent last(EventType type) {
        List<GateEvent> l = of(type);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }
}
