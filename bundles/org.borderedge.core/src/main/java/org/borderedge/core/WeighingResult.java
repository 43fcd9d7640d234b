package org.borderedge.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reading from a truck scale. Motion, overload, underload and negative readings are states:
 * they carry no number, so a garbled or unsettled frame can never become a weight.
 */
public record WeighingResult(ScaleState state, BigDecimal value, WeightUnit unit, boolean gross, Instant time) {

    public WeighingResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
        if (state.hasValue()) {
            Objects.requireNonNull(value, "value of a " + state + " reading");
            Objects.requireNonNull(unit, "unit of a " + state + " reading");
            if (value.signum() < 0) {
                throw new IllegalArgumentException("a negative reading is the NEGATIVE state, not a value: " + value);
            }
        } else if (value != null) {
            throw new IllegalArgumentException(state + " carries no value");
        }
    }

    public static WeighingResult stable(BigDecimal value, WeightUnit unit, Instant time) {
        return new WeighingResult(ScaleState.STABLE, value, unit, true, time);
    }

    public static WeighingResult motion(BigDecimal value, WeightUnit unit, Instant time) {
        return new WeighingResult(ScaleState.MOTION, value, unit, true, time);
    }

    public static WeighingResult state(ScaleState state, Instant time) {
        return new WeighingResult(state, null, null, true, time);
    }

    public boolean isStable() {
        return state == ScaleState.STABLE;
    }

    public Optional<BigDecimal> kilograms() {
        return value == null ? Optional.empty() : Optional.of(unit.toKilograms(value));
    }
}
