package org.borderedge.sim.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.borderedge.core.Declaration;
import org.borderedge.sim.scenario.Scenario;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    static final List<SimulatedCheckpoint.LaneSpec> LANES = List.of(
            new SimulatedCheckpoint.LaneSpec("IMP-1", "road-import", Map.of()),
            new SimulatedCheckpoint.LaneSpec("EXP-1", "road-export", Map.of()),
            new SimulatedCheckpoint.LaneSpec("GATE-IN-1", "port-gate-in", Map.of()),
            new SimulatedCheckpoint.LaneSpec("RES-1", "resident-trade", Map.of()));

    final TrafficGenerator traffic = new TrafficGenerator(LANES, 7L, "T1");

    @Test
    void sealsArriveWhereTheyAreRemovedAndAreIssuedWhereTheyAreApplied() {
        // Where seals are applied the truck comes without one: only the tampered one from abroad is declared.
        List<String> imported = traffic.vehicles("IMP-1").stream().map(Scenario.Vehicle::sealId).filter(Objects::nonNull).toList();
        assertEquals(4, imported.size(), "one tampered seal per round: " + imported);
        assertTrue(traffic.vehicles("IMP-1").stream().filter(v -> v.sealId() != null).allMatch(v -> "TAMPERED".equals(v.sealLock())));
        // Where seals are removed, sealed trucks arrive with a declared, locked seal.
        long lockedArrivals = traffic.vehicles("EXP-1").stream().filter(v -> "LOCKED".equals(v.sealLock()) && v.sealId() != null).count();
        assertEquals(4 * 4, lockedArrivals, "three sealed and one low-battery truck per round");
        Set<String> ids = new HashSet<>();
        for (String lane : List.of("IMP-1", "EXP-1", "GATE-IN-1")) {
            traffic.vehicles(lane).stream().map(Scenario.Vehicle::sealId).filter(Objects::nonNull)
                    .forEach(id -> assertTrue(ids.add(id), "seal " + id + " declared twice"));
        }
        for (Declaration d : traffic.declarations()) {
            d.sealIds().forEach(id -> assertTrue(ids.contains(id), d.id() + " declares a seal no truck carries: " + id));
        }
    }

    @Test
    void theResidentLaneHasResidentsOnlyAndSomeAboveTheQuota() {
        List<Scenario.Vehicle> residents = traffic.vehicles("RES-1");
        assertEquals(12, residents.size());
        assertNotNull(residents.get(0), "a regular comes first");
        assertTrue(residents.get(0).qr().startsWith("BERES1|ID=LS-4-"), residents.get(0).qr());
        assertNull(residents.get(0).plate());
        assertNull(residents.get(0).weightKg());
        // Newcomers get their id when they come; a regular's purchases over the round exceed the daily quota.
        assertTrue(residents.stream().anyMatch(Objects::isNull));
        long firstRegular = residents.stream().filter(Objects::nonNull).filter(v -> v.qr().contains(residents.get(0).qr().split("\\|")[1]))
                .mapToLong(v -> Long.parseLong(v.qr().substring(v.qr().indexOf("VALUE=") + 6))).sum();
        assertTrue(firstRegular > SimulatedCheckpoint.RESIDENT_QUOTA_VND, "regular bought " + firstRegular);
        assertTrue(traffic.declarations().stream().noneMatch(d -> d.id().startsWith("304")), "no declarations for residents");
    }

    @Test
    void laneRolesFollowTheDirectionOfTheGoods() {
        assertEquals(SealDesk.Role.APPLY, SealDesk.Role.of("road-import"));
        assertEquals(SealDesk.Role.APPLY, SealDesk.Role.of("port-gate-out"));
        assertEquals(SealDesk.Role.REMOVE, SealDesk.Role.of("road-export"));
        assertEquals(SealDesk.Role.REMOVE, SealDesk.Role.of("port-gate-in"));
        assertEquals(SealDesk.Role.NONE, SealDesk.Role.of("resident-trade"));
    }

    @Test
    void theResidentLaneHasOnlyTheChecksThatApplyToResidents() {
        Map<String, Object> o = SimulatedCheckpoint.defaultLaneOptions("resident-trade");
        assertEquals(false, o.get("check.plate"));
        assertEquals(false, o.get("check.weight"));
        assertEquals(false, o.get("check.seal"));
        assertEquals(SimulatedCheckpoint.RESIDENT_QUOTA_VND, o.get("resident.quota.vnd"));
        assertFalse(o.containsKey("device.ids"), "no scanner for residents");
    }
}
