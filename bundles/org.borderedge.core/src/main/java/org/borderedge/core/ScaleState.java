package org.borderedge.core;

/** What the indicator says about its reading. Only STABLE and MOTION carry a number. */
public enum ScaleState {
    STABLE(true),
    MOTION(true),
    OVERLOAD(false),
    UNDERLOAD(false),
    NEGATIVE(false),
    ERROR(false);

    private final boolean hasValue;

    ScaleState(boolean hasValue) {
        this.hasValue = hasValue;
    }

    public boolean hasValue() {
        return hasValue;
    }
}
