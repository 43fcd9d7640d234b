package org.borderedge.core;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** Units a weighing indicator may print. */
public enum WeightUnit {
    KG(BigDecimal.ONE),
    T(BigDecimal.valueOf(1000)),
    LB(new BigDecimal("0.45359237"));

    private final BigDecimal kilograms;

    WeightUnit(BigDecimal kilograms) {
        this.kilograms = kilograms;
    }

    public BigDecimal toKilograms(BigDecimal value) {
        return value.multiply(kilograms);
    }

    public static Optional<WeightUnit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "kg": return Optional.of(KG);
            case "t": return Optional.of(T);
            case "lb": case "lbs": return Optional.of(LB);
            default: return Optional.empty();
        }
    }
}
