package org.borderedge.outbox;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.borderedge.core.EventDraft;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Priority;

/**
 * The gateway's event journal. Every method documents what happens when it fails; none of them
 * loses an event whose {@link #append} returned.
 */
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
     * Like {@link #append} without blocking: the future completes with the journalled event once it
     * is durable, or exceptionally with an {@link OutboxException} (the event is then not stored).
     * Lets one producer keep several appends in the same group commit.
     */
    default CompletableFuture<GateEvent> appendAsync(EventDraft draft) {
        try {
            return CompletableFuture.completedFuture(append(draft));
        } catch (OutboxException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Events with sequence greater than {@code afterSeq} in the current epoch, in sequence order, at most {@code limit}. */
    List<GateEvent> readAfter(long afterSeq, int limit);

    OutboxStats stats();
}
