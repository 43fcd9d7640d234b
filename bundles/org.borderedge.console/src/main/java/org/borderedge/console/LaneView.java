package org.borderedge.console;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the console shows of a lane at one moment.
 *
 * @param state engine state name (IDLE, WEIGHING, HELD, MANUAL ...)
 * @param vehicle the vehicle in the lane, or null when the lane is empty
 * @param decision the decision for the current vehicle, or null before one is taken
 * @param since when the lane entered this state
 * @param alarm what put the lane in MANUAL or HELD (barrier fault, interlock ...), empty if nothing
 * @param resident at a resident-trade lane, the resident's purchase against the quota once checked, else null
 */
public record LaneView(String id, String type, String state, Vehicle vehicle, Decision decision, Instant since,
        String alarm, Resident resident) {

    public LaneView {
        Objects.requireNonNull(id, "id");
        type = type == null ? "" : type;
        state = state == null ? "UNKNOWN" : state;
        alarm = alarm == null ? "" : alarm;
    }

    public LaneView(String id, String type, String state, Vehicle vehicle, Decision decision, Instant since,
            String alarm) {
        this(id, type, state, vehicle, decision, since, alarm, null);
    }

    public LaneView(String id, String type, String state, Vehicle vehicle, Decision decision, Instant since) {
        this(id, type, state, vehicle, decision, since, "", null);
    }

    /**
     * A border resident's purchase as the quota rule saw it.
     *
     * @param usedVnd already used in the period before this purchase, null when the ledger could not be read
     * @param period the quota period key, e.g. 2026-11-23
     */
    public record Resident(String residentId, long valueVnd, long quotaVnd, Long usedVnd, String period) {

        public Resident {
            Objects.requireNonNull(residentId, "residentId");
        }
    }

    /**
     * @param plate normalised plate, or null if not read yet
     * @param weightKg gross weight in kg once a stable reading was taken, else null
     */
    public record Vehicle(String plate, List<String> containers, String declaration, Double weightKg,
            boolean plateCrop) {

        public Vehicle {
            containers = containers == null ? List.of() : List.copyOf(containers);
        }
    }

    /** @param outcome RELEASE, HOLD or INSPECT */
    public record Decision(String outcome, List<String> reasons, Instant at) {

        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }
}
