package org.borderedge.core;

/** Event vocabulary of a gate; each type carries its default delivery priority. */
public enum EventType {
    VEHICLE_ARRIVED(Priority.CRITICAL),
    PLATE_READ(Priority.TELEMETRY),
    CONTAINER_READ(Priority.TELEMETRY),
    QR_READ(Priority.TELEMETRY),
    WEIGHT_MEASURED(Priority.CRITICAL),
    SEAL_CHECKED(Priority.CRITICAL),
    DECISION(Priority.CRITICAL),
    SCAN_REQUESTED(Priority.CRITICAL),
    SCAN_COMPLETED(Priority.CRITICAL),
    BARRIER_OPENED(Priority.CRITICAL),
    BARRIER_CLOSED(Priority.CRITICAL),
    VEHICLE_PASSED(Priority.CRITICAL),
    CYCLE_COMPLETED(Priority.CRITICAL),
    MANUAL_OVERRIDE(Priority.CRITICAL),
    DEVICE_FAULT(Priority.CRITICAL),
    DEVICE_RECOVERED(Priority.CRITICAL),
    ALARM(Priority.CRITICAL),
    USER_LOGIN(Priority.CRITICAL),
    AUDIT(Priority.CRITICAL),
    REFERENCE_DATA_APPLIED(Priority.CRITICAL),
    COMMAND_EXECUTED(Priority.CRITICAL),
    TELEMETRY_EVICTED(Priority.CRITICAL),
    EVIDENCE_STORED(Priority.TELEMETRY),
    SEAL_LIFECYCLE(Priority.CRITICAL),
    RESIDENT_PURCHASE(Priority.CRITICAL),
    HEARTBEAT(Priority.TELEMETRY),
    READING(Priority.TELEMETRY);

    private final Priority defaultPriority;

    EventType(Priority defaultPriority) {
        this.defaultPriority = defaultPriority;
    }

    public Priority defaultPriority() {
        return defaultPriority;
    }
}
