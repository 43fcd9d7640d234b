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
 */
public record LaneView(String id, String type, String state, Vehicle vehicle, Decision decision, Instant since,
        String alarm) {

    public LaneView {
        Objects.requireNonNull(id, "id");
        type = type == null ? "" : type;
        state = state == null ? "UNKNOWN" : state;
        alarm = alarm == null ? "" : alarm;
    }

    public LaneView(String id, String type, String state, Vehicle vehicle, Decision decision, Instant since) {
        this(id, type, state, vehicle, decision, since, "");
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
