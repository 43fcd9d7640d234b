package org.borderedge.lane;

import org.borderedge.core.LaneType;

/** A lane of the checkpoint, registered as a service with property {@code lane.id}. */
@org.osgi.annotation.versioning.ProviderType
public interface Lane {

    String PROP_ID = "lane.id";

    String id();

    LaneType type();

    /** Current state name, e.g. IDLE, WEIGHING, HELD, MANUAL. */
    String state();
}
