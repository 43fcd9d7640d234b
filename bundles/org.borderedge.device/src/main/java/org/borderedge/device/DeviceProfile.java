package org.borderedge.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device model as data: kind, vendor, model, the driver that speaks to it, and the driver's
 * settings (register maps, frame patterns ...). Its id is {@code <kind>/<vendor>-<model>}, the
 * file's path under device-profiles/ without extension.
 */
public record DeviceProfile(String id, String kind, String vendor, String model, String driver, String source,
        Map<String, Object> body) {

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(driver, "driver");
        body = body == null ? Map.of() : Map.copyOf(body);
    }

    /** A top-level object of the profile, e.g. {@code "frame"} or {@code "coils"}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        Object v = body.get(name);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = body.get(name);
        return v instanceof List ? (List<Object>) v : List.of();
    }

    public Optional<Object> value(String name) {
        return Optional.ofNullable(body.get(name));
    }
}
