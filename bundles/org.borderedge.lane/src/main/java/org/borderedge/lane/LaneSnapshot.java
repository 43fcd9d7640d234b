package org.borderedge.lane;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lane as the console shows it.
 *
 * @param vehicle the vehicle of the current cycle, or null when the lane is idle
 * @param barrier last boom position reported by the limit switches (OPEN, CLOSED, MOVING, UNKNOWN)
 * @param loops occupancy of each loop the lane has seen reported (PRESENCE, SAFETY, EXIT)
 * @param alarm the latest alarm that put the lane in MANUAL or HELD, empty if none
 */
public record LaneSnapshot(String id, String type, LaneState state, LaneMode mode, Vehicle vehicle,
        String barrier, Map<String, Boolean> loops, boolean online, String alarm, Instant time) {

    public LaneSnapshot {
        loops = Map.copyOf(loops);
        alarm = alarm == null ? "" : alarm;
    }

    /**
     * The vehicle in the lane.
     *
     * @param plate normalised plate used for matching (after a QR correction, the declared one)
     * @param plateRead what the camera read, when it differs from {@code plate}
     * @param weightKg the stable weight taken, or null
     * @param sealId / sealLock the e-seal read, or null
     * @param decision the latest decision, or null before it is made
     * @param stages wall-clock time of each milestone reached
     */
    public record Vehicle(String cycleId, String plate, String plateRead, List<String> containers,
            String declarationId, BigDecimal weightKg, String sealId, String sealLock, DecisionRecord decision,
            Map<Stage, Instant> stages) {

        public Vehicle {
            containers = List.copyOf(containers);
            stages = Map.copyOf(stages);
        }
    }
}
