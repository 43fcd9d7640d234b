package org.borderedge.core;

import java.util.Arrays;
import java.util.Optional;

/** Kind of lane; {@link #wireName()} is how configuration files and the health API spell it. */
public enum LaneType {
    ROAD_IMPORT("road-import", Direction.IN),
    ROAD_EXPORT("road-export", Direction.OUT),
    PORT_GATE_IN("port-gate-in", Direction.IN),
    PORT_GATE_OUT("port-gate-out", Direction.OUT),
    RESIDENT_TRADE("resident-trade", Direction.IN);

    /** Whether vehicles enter or leave the customs supervision area through the lane. */
    public enum Direction { IN, OUT }

    private final String wireName;
    private final Direction defaultDirection;

    LaneType(String wireName, Direction defaultDirection) {
        this.wireName = wireName;
        this.defaultDirection = defaultDirection;
    }

    public String wireName() {
        return wireName;
    }

    public Direction defaultDirection() {
        return defaultDirection;
    }

    public static Optional<LaneType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
