package org.borderedge.device;

/** What the gateway asks a device to do. */
public sealed interface DeviceCommand {

    enum BarrierAction { OPEN, CLOSE, STOP }

    record Barrier(BarrierAction action) implements DeviceCommand {
    }

    /** Asks a scanner to scan the vehicle now in the lane; the verdict arrives as ScanCompleted. */
    record ScanRequest(String requestId, String laneId, String vehicleRef) implements DeviceCommand {
    }

    /** Asks a camera for a fresh frame (snapshot sources). */
    record Capture() implements DeviceCommand {
    }
}
