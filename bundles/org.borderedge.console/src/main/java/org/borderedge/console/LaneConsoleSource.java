package org.borderedge.console;

import java.util.List;
import java.util.Optional;

/**
 * Lane data for the console. Registered as an OSGi service by whoever owns the lanes; when none
 * is registered the console falls back to the plain {@link org.borderedge.lane.Lane} services
 * (identity, type and state only, no manual actions).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface LaneConsoleSource {

    /** Every lane, in display order. */
    List<LaneView> lanes();

    default Optional<LaneView> lane(String laneId) {
        return lanes().stream().filter(l -> l.id().equals(laneId)).findFirst();
    }

    /** The JPEG crop of the current vehicle's plate, if there is one. */
    default Optional<byte[]> plateCrop(String laneId) {
        return Optional.empty();
    }

    /**
     * Asks the lane for a manual action. Never throws for a refusal: the safety interlock's "no"
     * comes back as {@link OverrideResult#refused(String)} with the reason a technician can act on.
     */
    OverrideResult override(String laneId, OverrideAction action, String reason, String user);

    /** Live feed; the listener is called from the lane's thread and must return quickly. */
    void addListener(LaneConsoleListener listener);

    void removeListener(LaneConsoleListener listener);
}
