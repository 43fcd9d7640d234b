package org.borderedge.console.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Console roles, each including the rights of the ones before it. */
public enum Role {
    /** Sees lanes, devices, sync, events and reports. */
    VIEWER,
    /** Also performs manual overrides. */
    TECHNICIAN,
    /** Also manages users, API tokens and reads/verifies the audit log. */
    SUPERVISOR;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        return s == null ? Optional.empty()
                : Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(s.trim())).findFirst();
    }
}
