package org.borderedge.console;

import java.util.Arrays;
import java.util.Optional;

/** Manual actions a technician may ask of a lane. */
public enum OverrideAction {
    OPEN,
    CLOSE,
    HOLD,
    RELEASE;

    public static Optional<OverrideAction> parse(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }
}
