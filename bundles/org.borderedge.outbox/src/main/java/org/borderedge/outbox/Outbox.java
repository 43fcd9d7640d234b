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

    /** Events with sequence greater than {@code afterSeq} in the current epoch, in sequence order, at most {@code limit}. */
    List<GateEvent> readAfter(long afterSeq, int limit);

    OutboxStats stats();
}
