package org.borderedge.sim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The customs officer's e-seal work at the gate, done as a site does it: through the gateway's
 * seal API with the officer's console session. Where goods leave the border area under customs
 * supervision (road import towards an inland depot, port gate-out) the officer issues a seal to the
 * declaration (a RETURNED seal from the gateway's pool first, else a new one from stock) and the
 * lane's e-seal reader then sees it locked, which the inventory records as APPLIED. Where sealed
 * goods arrive from inland (road export, port gate-in) the officer removes the released truck's
 * seal and returns it to the pool once the lane's next sealed truck has passed. Tamper and low-battery reports come from the readers themselves.
 * Every answer is returned as a one-line note for the traffic log; nothing here throws on a refusal.
 */
public final class SealDesk {

    /** What a lane does with seals, by its type. */
    public enum Role {
        /** Issues and applies seals: road-import, port-gate-out. */
        APPLY,
        /** Removes and returns the seals of arriving trucks: road-export, port-gate-in. */
        REMOVE,
        /** No seal work (resident-trade). */
        NONE;

        public static Role of(String laneType) {
            return switch (laneType) {
                case "road-import", "port-gate-out" -> APPLY;
                case "road-export", "port-gate-in" -> REMOVE;
                default -> NONE;
            };
        }
    }

    /** A seal issued to a declaration, or why none was. */
    public record Issued(String sealId, String note) {
    }

    /** New seal numbers tried before giving up (another run on the same data dir may have issued some). */
    private static final int STOCK_ATTEMPTS = 10;

    private final SimulatedCheckpoint checkpoint;
    private final String stockPrefix;
    private final AtomicInteger stock = new AtomicInteger();
    /** Per lane, the seal last taken off there and not yet returned to the pool. */
    private final Map<String, String> atBooth = new ConcurrentHashMap<>();

    /** @param stockPrefix how this run's new seals are numbered: {@code VNSEAL-K7Q2-} gives VNSEAL-K7Q2-0001 ... */
    public SealDesk(SimulatedCheckpoint checkpoint, String stockPrefix) {
        this.checkpoint = checkpoint;
        this.stockPrefix = stockPrefix;
    }

    /**
     * Issues a seal to a declaration before the truck drives up: the first RETURNED seal of the
     * pool another lane does not take first, else the next new one from stock.
     */
    public Issued issue(String laneId, String declarationId, String plate) throws InterruptedException {
        OfficerClient officer = checkpoint.officer();
        String reason = "seal issued at lane " + laneId + " for transport under customs supervision";
        try {
            List<JsonNode> pool = officer.seals("RETURNED");
            for (JsonNode s : pool) {
                String id = s.path("sealId").asText();
                if (officer.sealStep(id, "ASSIGN", reason + " (from the pool)", declarationId, plate).accepted()) {
                    return new Issued(id, "seal " + id + " from the pool");
                }
            }
            for (int i = 0; i < STOCK_ATTEMPTS; i++) {
                String id = String.format("%s%04d", stockPrefix, stock.incrementAndGet());
                OfficerClient.Answer a = officer.sealStep(id, "ASSIGN", reason + " (new from stock)", declarationId, plate);
                if (a.accepted()) {
                    return new Issued(id, "seal " + id + " new from stock");
                }
                if (a.status() != 409) {
                    return new Issued(null, "seal ASSIGN answered " + a.status() + ": " + a.body());
                }
            }
            return new Issued(null, "no seal could be assigned");
        } catch (IOException e) {
            return new Issued(null, "seal API: " + e.getMessage());
        }
    }

    /**
     * After a released truck has passed at a lane where sealed goods arrive: the officer takes the
     * seal off (if the inventory has it APPLIED) and keeps it at the booth; the seal taken off
     * before it at this lane goes back to the pool now, so the inventory shows seals REMOVED as well
     * as RETURNED. A FAULTY seal (tamper, low battery) is left for the technician's repair.
     */
    public String remove(String laneId, String sealId) throws InterruptedException {
        OfficerClient officer = checkpoint.officer();
        StringBuilder note = new StringBuilder();
        try {
            String previous = atBooth.remove(laneId);
            if (previous != null) {
                OfficerClient.Answer returned = officer.sealStep(previous, "RETURN", "seal taken off at lane " + laneId
                        + " back in the gateway's pool", null, null);
                note.append("seal ").append(previous).append(returned.accepted() ? " returned to the pool; "
                        : " RETURN answered " + returned.status() + ": " + returned.body() + "; ");
            }
            Optional<JsonNode> seal = officer.seal(sealId);
            String state = seal.map(s -> s.path("state").asText()).orElse("unknown");
            if (!"APPLIED".equals(state)) {
                return note.append("seal ").append(sealId).append(" is ").append(state).append(state.equals("FAULTY")
                        ? " (" + seal.get().path("fault").asText() + "): left for repair" : ": nothing to remove").toString();
            }
            OfficerClient.Answer removed = officer.sealStep(sealId, "REMOVE", "seal removed at lane " + laneId
                    + ": goods arrived at their destination gate", null, null);
            if (!removed.accepted()) {
                return note.append("seal ").append(sealId).append(" REMOVE answered ").append(removed.status()).append(": ")
                        .append(removed.body()).toString();
            }
            atBooth.put(laneId, sealId);
            return note.append("seal ").append(sealId).append(" removed").toString();
        } catch (IOException e) {
            return note.append("seal API: ").append(e.getMessage()).toString();
        }
    }
}
