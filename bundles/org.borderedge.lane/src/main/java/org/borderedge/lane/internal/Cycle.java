package org.borderedge.lane.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.borderedge.core.Declaration;
import org.borderedge.device.Observation.PlateObserved;
import org.borderedge.device.Observation.QrObserved;
import org.borderedge.device.Observation.SealObserved;
import org.borderedge.lane.DecisionRecord;
import org.borderedge.lane.RuleResult;
import org.borderedge.lane.Stage;

/** One vehicle's pass through the lane: what was observed, matched and decided, and when. */
final class Cycle {

    final String id;
    final String arrivalVia;
    final Map<Stage, Long> ticks = new EnumMap<>(Stage.class);
    final Map<Stage, Instant> times = new EnumMap<>(Stage.class);
    final List<PlateObserved> plates = new ArrayList<>();
    final Set<String> containers = new LinkedHashSet<>();
    final Set<String> invalidContainers = new LinkedHashSet<>();
    QrObserved qr;
    Declaration declaration;
    String declarationSource = "none";
    /** The plate the lane uses (declared plate after a QR correction). */
    String plate;
    PlateObserved plateUsed;
    SealObserved seal;
    BigDecimal weightKg;
    BigDecimal stableCandidateKg;
    long stableSince;
    List<RuleResult> rules = List.of();
    DecisionRecord decision;
    String scanRequestId;
    boolean exitSeen;
    boolean safetySeen;
    boolean stoppedAlarmRaised;
    /** Resident-trade lanes: the resident and quota state the decision used. */
    ResidentCheck resident;
    boolean purchaseRecorded;

    Cycle(String id, String arrivalVia) {
        this.id = id;
        this.arrivalVia = arrivalVia;
    }

    void milestone(Stage stage, long tick, Instant time) {
        ticks.putIfAbsent(stage, tick);
        times.putIfAbsent(stage, time);
    }

    boolean decided() {
        return decision != null;
    }

    /** Whether a plate read is one this cycle already has (cameras repeat reads of the same vehicle). */
    boolean knowsPlate(String text) {
        if (text.equals(plate)) {
            return true;
        }
        for (PlateObserved p : plates) {
            if (p.plate().text().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
