package org.borderedge.device;

/** Receives what a device observes. Called on the device's thread: return quickly. */
@org.osgi.annotation.versioning.ConsumerType
public interface DeviceListener {

    void onObservation(Device source, Observation observation);

    default void onStatus(Device source, DeviceStatus status) {
    }
}
