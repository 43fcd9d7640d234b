package org.borderedge.console.internal;

import java.util.ArrayList;
import java.util.List;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventIds;
import org.borderedge.core.GateEvent;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxStats;

/** The Outbox contract in memory, for the console's tests (the real journal is the outbox bundle's). */
final class MemoryOutbox implements Outbox {

    private final List<GateEvent> events = new ArrayList<>();
    private final EventIds ids = new EventIds(java.time.Clock.systemUTC());
    private long acked;

    @Override
    public synchronized GateEvent append(EventDraft d) {
        GateEvent e = new GateEvent(ids.nextId(), "gw-test", 1, events.size() + 1, d.type(), d.laneId(), d.priority(),
                d.time(), d.payload());
        events.add(e);
        return e;
    }

    @Override
    public synchronized List<GateEvent> readAfter(long afterSeq, int limit) {
        List<GateEvent> out = new ArrayList<>();
        for (GateEvent e : events) {
            if (e.seq() > afterSeq && out.size() < limit) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized List<GateEvent> all() {
        return List.copyOf(events);
    }

    synchronized void ack(long seq) {
        acked = seq;
    }

    @Override
    public synchronized OutboxStats stats() {
        long pending = events.size() - acked;
        long age = pending == 0 ? 0 : java.time.Duration.between(events.get((int) acked).time(), java.time.Instant.now()).toMillis();
        return new OutboxStats(1, events.size(), pending, age, acked, "");
    }
}
