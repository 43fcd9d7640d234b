package org.borderedge.outbox;

import java.util.List;
import org.borderedge.core.EventDraft;
import org.borderedge.core.GateEvent;

/** The gateway's event journal. */
@org.osgi.annotation.versioning.ProviderType
public interface Outbox {

    /**
     * Appends an event and returns it with its epoch, sequence and id once its commit has reached
     * the disk (power-loss durable). Concurrent callers share one transaction and one sync.
     *
     * @throws OutboxException if the event could not be stored; it is then not in the journal
     */
    GateEvent append(EventDraft draft) throws OutboxException;

    /**
     * Appends several events of one step, in order, with consecutive sequence numbers where the
     * implementation can; returns once all are durable. Implementations should store them in one
     * transaction and one sync, all or nothing. This default appends one by one: if it throws, the
     * events before the failing one may be stored, the failing one and those after it are not.
     *
     * @throws OutboxException if any event could not be stored
     */
    default List<GateEvent> appendAll(List<EventDraft> drafts) throws OutboxException {
        List<GateEvent> out = new java.util.ArrayList<>(drafts.size());
        for (EventDraft d : drafts) {
            out.add(append(d));
        }
        return out;
    }

    /** Events with sequence greater than {@code afterSeq} in the current epoch, in sequence order, at most {@code limit}. */
    List<GateEvent> readAfter(long afterSeq, int limit);

    OutboxStats stats();
}
