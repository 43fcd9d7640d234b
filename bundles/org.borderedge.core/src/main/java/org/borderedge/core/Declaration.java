package org.borderedge.core;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * A customs declaration as cached from the central system: what the vehicle claims to carry and
 * which channel the risk system assigned. Plates are kept normalised (see {@link Plate#normalise}).
 */
public record Declaration(
        String id,
        Set<String> plates,
        Set<String> containers,
        Set<String> sealIds,
        BigDecimal declaredGrossKg,
        Channel channel) {

    public Declaration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        plates = plates == null ? Set.of() : plates.stream().map(Plate::normalise).collect(java.util.stream.Collectors.toUnmodifiableSet());
        containers = containers == null ? Set.of() : Set.copyOf(containers);
        sealIds = sealIds == null ? Set.of() : Set.copyOf(sealIds);
    }

    public boolean coversPlate(Plate plate) {
        return plates.contains(plate.text());
    }
}
