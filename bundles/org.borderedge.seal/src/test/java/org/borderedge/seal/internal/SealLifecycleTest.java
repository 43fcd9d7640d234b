package org.borderedge.seal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.borderedge.device.Observation.SealLock;
import org.borderedge.seal.SealAction;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.SealTransition.Status;
import org.junit.jupiter.api.Test;

class SealLifecycleTest {

    private static SealRequest r(SealAction a) {
        return new SealRequest(a, "tech", "routine", a == SealAction.ASSIGN ? "TK-2026-0001" : "", "");
    }

    private static SealState after(SealState from, SealAction a) {
        SealLifecycle.Step s = SealLifecycle.next(from, r(a));
        assertTrue(s.allowed(), a + " from " + from + ": " + s.reason());
        return s.target();
    }

    @Test
    void theNormalRoundAndRotation() {
        SealState s = after(null, SealAction.ASSIGN);
        assertEquals(SealState.ASSIGNED, s);
        s = after(s, SealAction.APPLY);
        assertEquals(SealState.APPLIED, s);
        s = after(s, SealAction.REMOVE);
        assertEquals(SealState.REMOVED, s);
        s = after(s, SealAction.RETURN);
        assertEquals(SealState.RETURNED, s);
        assertEquals(SealState.ASSIGNED, after(s, SealAction.ASSIGN), "a returned seal is rotated to the next declaration");
        assertEquals(SealState.RETURNED, after(SealState.ASSIGNED, SealAction.RETURN), "an unused assignment is given back");
        assertEquals(SealState.RETURNED, after(SealState.FAULTY, SealAction.REPAIR));
    }

    @Test
    void everyOtherStepIsRefusedWithAReason() {
        for (SealState from : SealState.values()) {
            for (SealAction a : SealAction.values()) {
                SealLifecycle.Step s = SealLifecycle.next(from, r(a));
                boolean legal = switch (a) {
                    case ASSIGN -> from == SealState.RETURNED;
                    case APPLY -> from == SealState.ASSIGNED;
                    case REMOVE -> from == SealState.APPLIED;
                    case RETURN -> from == SealState.REMOVED || from == SealState.ASSIGNED;
                    case FAULT -> from != SealState.FAULTY;
                    case REPAIR -> from == SealState.FAULTY;
                };
                assertEquals(legal, s.allowed(), a + " from " + from);
                if (!legal) {
                    assertEquals(Status.REFUSED, s.refusal());
                    assertTrue(s.reason().contains(from.name()), s.reason());
                }
            }
        }
        SealLifecycle.Step apply = SealLifecycle.next(SealState.APPLIED, r(SealAction.APPLY));
        assertEquals("APPLY refused: seal is APPLIED; only an ASSIGNED seal can be applied", apply.reason());
        assertEquals("seal is FAULTY: REPAIR it before APPLY", SealLifecycle.next(SealState.FAULTY, r(SealAction.APPLY)).reason());
    }

    @Test
    void incompleteRequestsAndUnknownSeals() {
        assertEquals(Status.INVALID, SealLifecycle.next(SealState.APPLIED, new SealRequest(SealAction.REMOVE, "tech", " ", "", "")).refusal());
        assertEquals(Status.INVALID, SealLifecycle.next(SealState.APPLIED, new SealRequest(SealAction.REMOVE, "", "gate", "", "")).refusal());
        assertEquals(Status.INVALID, SealLifecycle.next(null, new SealRequest(SealAction.ASSIGN, "tech", "new", "", "")).refusal());
        assertEquals(SealState.ASSIGNED, SealLifecycle.next(null, new SealRequest(SealAction.ASSIGN, "tech", "new", "", "51C-123.45")).target());
        assertEquals(Status.UNKNOWN_SEAL, SealLifecycle.next(null, r(SealAction.APPLY)).refusal());
    }

    @Test
    void sightings() {
        assertEquals(SealState.FAULTY, SealLifecycle.sighting(SealState.APPLIED, SealLock.TAMPERED, 90, 20, "L1").orElseThrow().target());
        SealLifecycle.Sighting low = SealLifecycle.sighting(SealState.RETURNED, SealLock.UNLOCKED, 12, 20, "L1").orElseThrow();
        assertEquals(SealState.FAULTY, low.target());
        assertEquals("battery 12% below 20% reported at L1", low.reason());
        assertEquals(SealState.APPLIED, SealLifecycle.sighting(SealState.ASSIGNED, SealLock.LOCKED, 80, 20, "L1").orElseThrow().target());
        assertEquals(SealState.APPLIED, SealLifecycle.sighting(null, SealLock.LOCKED, 80, 20, "L1").orElseThrow().target());
        assertEquals(Optional.empty(), SealLifecycle.sighting(SealState.APPLIED, SealLock.UNLOCKED, 80, 20, "L1"),
                "removal is the officer's step, not the reader's");
        assertEquals(Optional.empty(), SealLifecycle.sighting(SealState.APPLIED, SealLock.LOCKED, null, 20, "L1"));
        assertFalse(SealLifecycle.sighting(SealState.FAULTY, SealLock.TAMPERED, 5, 20, "L1").isPresent(), "already flagged");
    }
}
