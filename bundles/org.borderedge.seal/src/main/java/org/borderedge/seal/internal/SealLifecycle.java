package org.borderedge.seal.internal;

import java.util.Optional;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.seal.SealAction;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.SealTransition.Status;

/**
 * The seal lifecycle rules, pure: which action leads where from which state, and what a reader's
 * sighting means. ASSIGN → APPLY → REMOVE → RETURN is the normal round; RETURNED seals are assigned
 * again (rotation); an unused assignment may be returned; FAULT takes any seal out of rotation and
 * only REPAIR puts it back into the pool.
 */
final class SealLifecycle {

    /** Either a target state or a refusal with its status and reason. */
    record Step(SealState target, Status refusal, String reason) {
        static Step to(SealState s) {
            return new Step(s, null, "");
        }

        static Step refuse(Status status, String reason) {
            return new Step(null, status, reason);
        }

        boolean allowed() {
            return target != null;
        }
    }

    /** What a sighting does to a seal: the action and why. */
    record Sighting(SealAction action, SealState target, String reason) {
    }

    private SealLifecycle() {
    }

    /** @param current the seal's state, null when the inventory does not know it */
    static Step next(SealState current, SealRequest r) {
        if (r.action() == null) {
            return Step.refuse(Status.INVALID, "action required: one of ASSIGN, APPLY, REMOVE, RETURN, FAULT, REPAIR");
        }
        if (r.user().isEmpty()) {
            return Step.refuse(Status.INVALID, "user required");
        }
        if (r.reason().isEmpty()) {
            return Step.refuse(Status.INVALID, "reason required");
        }
        if (r.action() == SealAction.ASSIGN && r.declarationId().isEmpty() && r.vehicle().isEmpty()) {
            return Step.refuse(Status.INVALID, "ASSIGN needs a declarationId or a vehicle");
        }
        if (current == null) {
            return r.action() == SealAction.ASSIGN ? Step.to(SealState.ASSIGNED)
                    : Step.refuse(Status.UNKNOWN_SEAL, "seal not in the inventory: ASSIGN it first");
        }
        if (current == SealState.FAULTY && r.action() != SealAction.REPAIR) {
            return Step.refuse(Status.REFUSED, r.action() == SealAction.FAULT ? "seal is already FAULTY"
                    : "seal is FAULTY: REPAIR it before " + r.action());
        }
        return switch (r.action()) {
            case ASSIGN -> current == SealState.RETURNED ? Step.to(SealState.ASSIGNED)
                    : refuse(r.action(), current, "only a RETURNED seal can be assigned again");
            case APPLY -> current == SealState.ASSIGNED ? Step.to(SealState.APPLIED)
                    : refuse(r.action(), current, "only an ASSIGNED seal can be applied");
            case REMOVE -> current == SealState.APPLIED ? Step.to(SealState.REMOVED)
                    : refuse(r.action(), current, "only an APPLIED seal can be removed");
            case RETURN -> current == SealState.REMOVED || current == SealState.ASSIGNED ? Step.to(SealState.RETURNED)
                    : refuse(r.action(), current, "only a REMOVED seal (or an unused ASSIGNED one) can be returned");
            case FAULT -> Step.to(SealState.FAULTY);
            case REPAIR -> current == SealState.FAULTY ? Step.to(SealState.RETURNED)
                    : refuse(r.action(), current, "only a FAULTY seal can be repaired");
        };
    }

    private static Step refuse(SealAction a, SealState current, String rule) {
        return Step.refuse(Status.REFUSED, a + " refused: seal is " + current + "; " + rule);
    }

    /**
     * What a reader's sighting changes. Tamper or a battery below {@code lowBatteryPct} flags the
     * seal FAULTY; an assigned seal seen locked has been applied; a seal the inventory does not know
     * is recorded as the reader found it. Otherwise nothing (the sighting only updates battery and
     * last seen): removal and return are an officer's steps.
     */
    static Optional<Sighting> sighting(SealState current, SealLock lock, Integer batteryPct, int lowBatteryPct, String where) {
        if (current == SealState.FAULTY) {
            return Optional.empty();
        }
        if (lock == SealLock.TAMPERED) {
            return Optional.of(new Sighting(SealAction.FAULT, SealState.FAULTY, "tamper reported by the reader at " + where));
        }
        if (batteryPct != null && batteryPct < lowBatteryPct) {
            return Optional.of(new Sighting(SealAction.FAULT, SealState.FAULTY,
                    "battery " + batteryPct + "% below " + lowBatteryPct + "% reported at " + where));
        }
        if (current == null) {
            return Optional.of(lock == SealLock.LOCKED
                    ? new Sighting(SealAction.APPLY, SealState.APPLIED, "first sighted locked at " + where)
                    : new Sighting(SealAction.REMOVE, SealState.REMOVED, "first sighted unlocked at " + where));
        }
        if (current == SealState.ASSIGNED && lock == SealLock.LOCKED) {
            return Optional.of(new Sighting(SealAction.APPLY, SealState.APPLIED, "sighted locked at " + where));
        }
        return Optional.empty();
    }
}
