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

    /**
     * Undelivered events of one priority with sequence greater than {@code afterSeq}, in sequence
     * order, at most {@code limit}: what the uplink sends next. Returns an empty list if the journal
     * cannot be read (the uplink retries later).
     */
    default List<GateEvent> pendingAfter(Priority priority, long afterSeq, int limit) {
        throw new UnsupportedOperationException("pendingAfter");
    }

    /**
     * Records that the central acknowledged these sequences (current epoch). Asynchronous: the
     * future completes once the mark is committed. If it fails the events stay pending and are sent
     * again, which the central absorbs by event id.
     */
    default CompletableFuture<Void> markDelivered(Collection<Long> seqs) {
        throw new UnsupportedOperationException("markDelivered");
    }

    /**
     * Marks every event still held with sequence at least {@code fromSeq} as undelivered, so it is
     * sent again (the central's "resync from" command). Returns how many events will be re-sent.
     *
     * @throws OutboxException if the journal could not be updated; nothing changed then
     */
    default int redeliverFrom(long fromSeq) throws OutboxException {
        throw new UnsupportedOperationException("redeliverFrom");
    }

    /** Called (on the journal's writer thread, so it must not block) after each commit that appended events. */
    default void addAppendListener(Runnable listener) {
        throw new UnsupportedOperationException("addAppendListener");
    }

    default void removeAppendListener(Runnable listener) {
        throw new UnsupportedOperationException("removeAppendListener");
    }

    OutboxStats stats();
}
