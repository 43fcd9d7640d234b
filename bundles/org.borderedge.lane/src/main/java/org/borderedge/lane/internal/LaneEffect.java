package org.borderedge.lane.internal;

import org.borderedge.core.EventDraft;
import org.borderedge.device.DeviceCommand;
import org.borderedge.lane.ResidentPurchase;

/** What the engine asks the runtime to do, in order: journal an event, record a purchase, command a device. */
public sealed interface LaneEffect {

    record Emit(EventDraft draft) implements LaneEffect {
    }

    /**
     * A command to the lane's device of {@code kind}. Safety commands (re-opening over a vehicle)
     * are executed even when an earlier event of the same step could not be journalled.
     */
    /**
     * A border resident's purchase to store in the resident ledger. Stored after the events before it
     * are journalled and before any later command; a failure is handled like a journal failure.
     */
    record RecordPurchase(ResidentPurchase purchase) implements LaneEffect {
    }

    record Command(String kind, DeviceCommand command, boolean safety) implements LaneEffect {
    }
}
