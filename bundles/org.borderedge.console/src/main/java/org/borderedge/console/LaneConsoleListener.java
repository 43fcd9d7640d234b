package org.borderedge.console;

/** Receives lane changes as they happen; implementations return quickly and never throw. */
@org.osgi.annotation.versioning.ConsumerType
public interface LaneConsoleListener {

    void laneChanged(LaneView lane);

    /** A vehicle's cycle ended (released, held, turned back ...) with its stage durations. */
    default void cycleCompleted(CycleRecord cycle) {
    }
}
