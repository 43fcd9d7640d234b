package org.borderedge.access;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a token may read: event types and lanes; an empty set means all. A token limited to lanes does
 * not see events that belong to no lane (gateway-wide audit, sync and device events).
 */
public record AccessScope(Set<String> eventTypes, Set<String> lanes) {

    public static final AccessScope ALL = new AccessScope(Set.of(), Set.of());

    public AccessScope {
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(new TreeSet<>(eventTypes));
        lanes = lanes == null ? Set.of() : Set.copyOf(new TreeSet<>(lanes));
    }

    public boolean allowsType(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }

    public boolean allowsLane(String laneId) {
        return lanes.isEmpty() || (laneId != null && lanes.contains(laneId));
    }

    public boolean allows(String type, String laneId) {
        return allowsType(type) && allowsLane(laneId);
    }

    public boolean unrestricted() {
        return eventTypes.isEmpty() && lanes.isEmpty();
    }
}
