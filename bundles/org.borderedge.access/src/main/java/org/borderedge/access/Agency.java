package org.borderedge.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The border agencies that pull events from a checkpoint gateway. */
public enum Agency {
    CUSTOMS("customs"),
    BORDER_GUARD("border-guard"),
    QUARANTINE("quarantine");

    private final String wireName;

    Agency(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Accepts the wire name or the constant name, any case. */
    public static Optional<Agency> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String v = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.wireName.equals(v)).findFirst();
    }
}
