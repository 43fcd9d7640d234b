package org.borderedge.lane.internal.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.borderedge.core.Declaration;
import org.borderedge.core.Plate;
import org.borderedge.core.ReferenceData;
import org.borderedge.device.Observation.SealObserved;
import org.borderedge.lane.internal.LaneConfig;
import org.borderedge.lane.internal.ResidentCheck;

/**
 * Everything the rules may look at for one vehicle.
 *
 * @param plateRead what the camera read (null if nothing was read)
 * @param declaration the matched declaration, or null
 * @param declarationSource how it was matched: "qr", "plate", "container" or "none"
 * @param qrDeclarationId the declaration id a QR named, or null
 * @param containersRead ISO 6346-valid container numbers read
 * @param containersInvalid container reads whose check digit failed
 * @param weightKg the stable weight taken, or null
 * @param seal the e-seal read, or null
 * @param reference the cached reference data, or null when the lane has none
 * @param referenceAgeMs age of the reference data, -1 when there is none
 * @param resident the resident code and quota state on resident-trade lanes, else null
 */
public record DecisionContext(
        LaneConfig config,
        Plate plateRead,
        Declaration declaration,
        String declarationSource,
        String qrDeclarationId,
        List<String> containersRead,
        List<String> containersInvalid,
        BigDecimal weightKg,
        boolean weighingApplies,
        SealObserved seal,
        boolean sealApplies,
        ReferenceData reference,
        boolean online,
        long referenceAgeMs,
        Map<String, String> ruleParameters,
        ResidentCheck resident) {

    /** A decision on a lane that is not a resident-trade lane. */
    public DecisionContext(LaneConfig config, Plate plateRead, Declaration declaration, String declarationSource,
            String qrDeclarationId, List<String> containersRead, List<String> containersInvalid, BigDecimal weightKg,
            boolean weighingApplies, SealObserved seal, boolean sealApplies, ReferenceData reference, boolean online,
            long referenceAgeMs, Map<String, String> ruleParameters) {
        this(config, plateRead, declaration, declarationSource, qrDeclarationId, containersRead, containersInvalid, weightKg,
                weighingApplies, seal, sealApplies, reference, online, referenceAgeMs, ruleParameters, null);
    }

    public DecisionContext {
        containersRead = List.copyOf(containersRead);
        containersInvalid = List.copyOf(containersInvalid);
        ruleParameters = ruleParameters == null ? Map.of() : ruleParameters;
    }
}
