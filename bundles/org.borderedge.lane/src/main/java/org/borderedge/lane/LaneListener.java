package org.borderedge.lane;

/** Live updates of a lane (the console pushes them over SSE). Called on the lane's thread: return quickly. */
@org.osgi.annotation.versioning.ConsumerType
@FunctionalInterface
public interface LaneListener {

    void onChange(LaneSnapshot snapshot);
}
