package org.borderedge.device;

public enum DeviceState {
    ONLINE,
    OFFLINE,
    /** Working, but something is wrong enough to tell a technician (e.g. frames dropped). */
    DEGRADED
}
