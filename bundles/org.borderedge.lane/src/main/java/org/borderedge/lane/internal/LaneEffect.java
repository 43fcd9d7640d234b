package org.borderedge.lane.internal;

import org.borderedge.core.EventDraft;
import org.borderedge.device.DeviceCommand;

/** What the engine asks the runtime to do, in order: journal an event, command a device. */
public sealed interface LaneEffect {

    record Emit(EventDraft draft) implements LaneEffect {
    }

    /**
     * A command to the lane's device of {@code kind}. Safety commands (re-opening over a vehicle)
     * are executed even when an earlier event of the same step could not be journalled.
     */
    record Command(String kind, DeviceCommand command, boolean safety) implements LaneEffect {
    }
}
