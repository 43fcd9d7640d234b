package org.borderedge.lane.internal;

import static org.borderedge.device.DeviceCommand.BarrierAction.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.LaneType;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.junit.jupiter.api.Test;

/** Border-resident trade lanes: the value quota per resident and period, through the lane's devices. */
class ResidentTradeLaneTest {

    static final String ANNA = "BERES1|ID=LS-000123|NAME=Nguyen Thi An|VALUE=1.500.000";

    static String code(String id, long vnd) {
        return "BERES1|ID=" + id + "|VALUE=" + vnd;
    }

    static LaneFixture residentLane(MemoryResidentLedger ledger) {
        LaneFixture f = new LaneFixture("R1", LaneType.RESIDENT_TRADE,
                b -> b.requirePlate(false).checkWeight(false).checkSeal(false).residentQuotaVnd(2_000_000));
        f.ref.residentLedger = ledger;
        f.startIdle();
        assertEquals("IDLE", f.state());
        return f;
    }

    static Map<String, Object> quotaRule(GateEvent decision) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) decision.payload().get("rules");
        return rules.stream().filter(r -> "resident-quota".equals(r.get("rule"))).findFirst().orElseThrow();
    }

    /** Steps onto the presence loop, shows the code, and if released walks through and the boom closes again. */
    static void pass(LaneFixture f, String code) {
        f.presence(true);
        f.code(code);
        if (f.state().equals("PASSING")) {
            f.driveThrough();
            f.run(Duration.ofSeconds(3));
            assertEquals("IDLE", f.state());
        }
    }

    @Test
    void residentWithinQuotaIsReleasedAndThePurchaseRecordedBeforeTheBarrierOpens() {
        MemoryResidentLedger ledger = new MemoryResidentLedger();
        LaneFixture f = residentLane(ledger);

        f.code(ANNA);

        assertEquals("PASSING", f.state());
        assertEquals(List.of(OPEN), f.barrierCommands());
        GateEvent decision = f.last(EventType.DECISION);
        assertEquals("RELEASE", decision.payload().get("verdict"));
        assertEquals(List.of("resident-quota", "watchlist", "offline-policy"),
                ((List<?>) decision.payload().get("rules")).stream().map(r -> ((Map<?, ?>) r).get("rule")).toList());
        assertEquals("PASS", quotaRule(decision).get("outcome"));
        assertEquals(List.of(EventType.VEHICLE_ARRIVED, EventType.QR_READ, EventType.DECISION, EventType.RESIDENT_PURCHASE,
                EventType.BARRIER_OPENED), f.eventTypes());
        Map<String, Object> p = f.last(EventType.RESIDENT_PURCHASE).payload();
        assertEquals("LS-000123", p.get("residentId"));
        assertEquals("Nguyen Thi An", p.get("residentName"));
        assertEquals(1_500_000L, ((Number) p.get("valueVnd")).longValue());
        assertEquals("2026-11-23", p.get("period"), "15:00 in Hanoi time");
        assertEquals(0L, ((Number) p.get("usedBeforeVnd")).longValue());
        assertEquals(1_500_000L, ((Number) p.get("usedAfterVnd")).longValue());
        assertEquals(false, p.get("overQuota"));
        assertEquals("CRITICAL", f.last(EventType.RESIDENT_PURCHASE).priority().name());
        assertEquals(1, ledger.purchases.size());
        assertEquals(1_500_000L, ledger.usedVnd("LS-000123", "2026-11-23"));
    }

    @Test
    void residentExceedingTheQuotaIsHeldUntilAnOfficerReleasesAndThenItCountsAsOverQuota() {
        MemoryResidentLedger ledger = new MemoryResidentLedger();
        LaneFixture f = residentLane(ledger);
        pass(f, ANNA);

        f.presence(true);
        f.code(code("LS-000123", 600_000));

        assertEquals("HELD", f.state());
        assertEquals(List.of(OPEN, org.borderedge.device.DeviceCommand.BarrierAction.CLOSE), f.barrierCommands(), "no second OPEN");
        GateEvent decision = f.last(EventType.DECISION);
        assertEquals("HOLD", decision.payload().get("verdict"));
        Map<String, Object> rule = quotaRule(decision);
        assertEquals("HOLD", rule.get("outcome"));
        assertEquals("quota exceeded: 1500000 VND already used in 2026-11-23 + 600000 VND now > quota 2000000 VND", rule.get("reason"));
        assertEquals(1, f.outbox.of(EventType.RESIDENT_PURCHASE).size(), "nothing recorded for a held resident");
        assertEquals(1_500_000L, ledger.usedVnd("LS-000123", "2026-11-23"));

        ManualResult r = f.lane.manual(ManualAction.RELEASE, "officer1", "excess declared and duty paid at the counter");
        assertEquals(ManualResult.Status.ACCEPTED, r.status());
        assertEquals(2, f.count(OPEN));
        Map<String, Object> p = f.last(EventType.RESIDENT_PURCHASE).payload();
        assertEquals(true, p.get("overQuota"));
        assertEquals("officer1", p.get("releasedBy"));
        assertEquals(2_100_000L, ledger.usedVnd("LS-000123", "2026-11-23"));
    }

    @Test
    void anotherResidentAndTheNextDayHaveTheirOwnQuota() {
        MemoryResidentLedger ledger = new MemoryResidentLedger();
        LaneFixture f = residentLane(ledger);
        pass(f, code("LS-000123", 2_000_000));
        pass(f, code("LS-000999", 2_000_000));
        assertEquals(2, f.outbox.of(EventType.RESIDENT_PURCHASE).size(), "exactly the quota is within it");

        pass(f, code("LS-000123", 1));
        assertEquals("HELD", f.state());
        f.presence(false);
        f.lane.manual(ManualAction.RELEASE, "officer1", "resident turned back");
        assertEquals("IDLE", f.state(), "left without passing: lane back to AUTO");
        assertEquals(2, f.outbox.of(EventType.RESIDENT_PURCHASE).size(), "turned back: nothing bought");

        // 17:00 UTC is midnight in Hanoi: a new quota day.
        f.time.advance(Duration.between(f.time.instant(), Instant.parse("2026-11-23T17:00:00Z")));
        pass(f, code("LS-000123", 1_999_000));
        assertEquals("RELEASE", f.last(EventType.DECISION).payload().get("verdict"));
        assertEquals("2026-11-24", f.last(EventType.RESIDENT_PURCHASE).payload().get("period"));
    }

    @Test
    void aCodeShownWhileThePreviousResidentIsStillInTheLaneStartsTheNextCycle() {
        MemoryResidentLedger ledger = new MemoryResidentLedger();
        LaneFixture f = residentLane(ledger);
        f.code(code("LS-000123", 100_000));
        assertEquals("PASSING", f.state());
        f.code(code("LS-000999", 200_000));
        f.driveThrough();
        f.run(Duration.ofSeconds(3));
        assertEquals("PASSING", f.state(), "the waiting resident was decided and released at once");
        assertEquals(2, f.outbox.of(EventType.RESIDENT_PURCHASE).size());
        assertEquals("LS-000999", f.last(EventType.RESIDENT_PURCHASE).payload().get("residentId"));
    }

    @Test
    void theCentralsRuleParametersOverrideTheLanesQuota() {
        MemoryResidentLedger ledger = new MemoryResidentLedger();
        LaneFixture f = residentLane(ledger);
        f.ref.params.put("resident.quota.vnd", "1000000");
        f.code(ANNA);
        assertEquals("HELD", f.state());
        Map<String, Object> rule = quotaRule(f.last(EventType.DECISION));
        assertEquals("central", ((Map<?, ?>) rule.get("data")).get("quotaSource"));
        assertEquals(1_000_000L, ((Number) ((Map<?, ?>) rule.get("data")).get("quotaVnd")).longValue());
    }

    @Test
    void anUnreadableCodeOrNoLedgerHolds() {
        LaneFixture f = residentLane(null);
        f.code(ANNA);
        assertEquals("HELD", f.state());
        assertEquals("quota ledger unavailable: no resident ledger service", quotaRule(f.last(EventType.DECISION)).get("reason"));
        f.lane.manual(ManualAction.RELEASE, "officer1", "turned back");

        MemoryResidentLedger ledger = new MemoryResidentLedger();
        LaneFixture g = residentLane(ledger);
        g.presence(true);
        g.code("BERES1|ID=LS-000123|VALUE=abc");
        assertEquals("HELD", g.state());
        assertEquals("no resident identified: resident code unreadable: VALUE 'abc' is not a whole number of dong",
                quotaRule(g.last(EventType.DECISION)).get("reason"));
        assertTrue(ledger.purchases.isEmpty());
    }

    @Test
    void aLedgerThatCannotStoreThePurchaseKeepsTheBarrierClosed() {
        MemoryResidentLedger ledger = new MemoryResidentLedger();
        ledger.failRecord = true;
        LaneFixture f = residentLane(ledger);
        f.code(ANNA);
        assertEquals("MANUAL", f.state());
        assertTrue(f.barrierCommands().isEmpty());
        assertTrue(f.outbox.of(EventType.RESIDENT_PURCHASE).isEmpty(), "the event follows the ledger");
        assertTrue(((String) f.last(EventType.ALARM).payload().get("detail")).contains("could not record the purchase"));
    }

    @Test
    void residentCodesAndQuotaPeriodsParse() {
        ResidentPass p = ResidentPass.parse("BERES1|NAME=Lo Van B|VALUE=250 000|ID=cb-778812|X=ignored");
        assertEquals(new ResidentPass("CB-778812", "Lo Van B", 250_000), p);
        assertThrows(IllegalArgumentException.class, () -> ResidentPass.parse("BERES1|VALUE=1000"));
        assertThrows(IllegalArgumentException.class, () -> ResidentPass.parse("BERES1|ID=LS-1234"));
        assertThrows(IllegalArgumentException.class, () -> ResidentPass.parse("BERES1|ID=LS-1234|VALUE=-5"));
        assertThrows(IllegalArgumentException.class, () -> ResidentPass.parse("BERES1|ID=LS 1234|VALUE=5"));
        assertThrows(IllegalArgumentException.class, () -> ResidentPass.parse("BEQR1|DECL=1"));

        ZoneId hanoi = ZoneId.of("Asia/Ho_Chi_Minh");
        Instant t = Instant.parse("2026-12-31T18:30:00Z");
        assertEquals("2027-01-01", QuotaPeriod.DAY.key(t, hanoi));
        assertEquals("2026-W53", QuotaPeriod.WEEK.key(t, hanoi));
        assertEquals("2027-01", QuotaPeriod.MONTH.key(t, hanoi));
    }
}
