package org.borderedge.core;

/** Delivery class of an event: CRITICAL is never evicted and drains before TELEMETRY. */
public enum Priority {
    CRITICAL,
    TELEMETRY
}
