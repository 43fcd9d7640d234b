package org.borderedge.lane.internal;

import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;

/** What the engine reacts to; the runtime feeds them one at a time. */
public sealed interface LaneInput {

    record Observed(String deviceId, String kind, Observation observation) implements LaneInput {
    }

    /** A device's status, including when it is first bound to the lane. */
    record StatusChanged(String deviceId, String kind, DeviceStatus status) implements LaneInput {
    }

    record DeviceGone(String deviceId, String kind) implements LaneInput {
    }

    record CommandFailed(String deviceId, String kind, DeviceCommand command, String reason) implements LaneInput {
    }

    /** Periodic: timeouts and delays are checked against the ticker. */
    record Tick() implements LaneInput {
    }

    /** The step could not be completed (an event could not be journalled, an internal error): go MANUAL. */
    record Fault(String reason) implements LaneInput {
    }
}
