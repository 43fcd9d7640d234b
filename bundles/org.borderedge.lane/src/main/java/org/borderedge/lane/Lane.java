package org.borderedge.lane;

import java.util.List;
import org.borderedge.core.LaneType;

/**
 * A lane of the checkpoint, registered as a service with property {@code lane.id}. Every lane runs
 * its own state machine; a fault on one lane never blocks another.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Lane {

    String PROP_ID = "lane.id";

    String id();

    LaneType type();

    /** Current state name, e.g. IDLE, WEIGHING, HELD, MANUAL (see {@link LaneState}). */
    String state();

    /** Everything the console shows about the lane right now. */
    LaneSnapshot snapshot();

    /**
     * A technician's action, recorded as MANUAL_OVERRIDE. Never throws: the result says whether the
     * request was malformed (INVALID), refused by the safety interlock, refused in the lane's state, or
     * accepted (the command has then been handed to the barrier).
     */
    ManualResult manual(ManualAction action, String user, String reason);

    /** WCO Time Release Study figures: p50 / p95 of each stage over the recent cycles of this lane. */
    List<StageStat> stageStats();

    /**
     * The same per clearance channel (GREEN, YELLOW, RED; NONE for vehicles without a declaration).
     * A default so existing implementations (test doubles) keep compiling.
     */
    default java.util.Map<String, List<StageStat>> stageStatsByChannel() {
        return java.util.Map.of();
    }

    void addListener(LaneListener listener);

    void removeListener(LaneListener listener);
}
