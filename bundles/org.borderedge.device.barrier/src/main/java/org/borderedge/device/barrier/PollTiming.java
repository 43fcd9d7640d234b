package org.borderedge.device.barrier;

/** Told when each scheduled poll starts, how late against its schedule (benchmarks, diagnostics). */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface PollTiming {

    PollTiming NONE = (deviceId, lateNanos) -> { };

    void pollStarted(String deviceId, long lateNanos);
}
