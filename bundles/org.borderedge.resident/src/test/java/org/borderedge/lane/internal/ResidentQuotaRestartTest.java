package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.borderedge.core.EventType;
import org.borderedge.core.GateEvent;
import org.borderedge.core.LaneType;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.resident.internal.SqliteResidentLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident-trade lane (the lane engine's own test harness: devices, fake time, journal) against the
 * real SQLite ledger: the quota used before a gateway restart still counts after it.
 */
class ResidentQuotaRestartTest {

    @TempDir
    Path dir;

    private static LaneFixture lane(SqliteResidentLedger ledger) {
        LaneFixture f = new LaneFixture("R1", LaneType.RESIDENT_TRADE,
                b -> b.requirePlate(false).checkWeight(false).checkSeal(false).residentQuotaVnd(2_000_000));
        f.ref.residentLedger = ledger;
        f.startIdle();
        return f;
    }

    @Test
    void aResidentOverTheQuotaIsHeldAndTheQuotaSurvivesARestart() {
        Path file = dir.resolve("resident-quota.db");
        SqliteResidentLedger ledger = SqliteResidentLedger.open(file);
        LaneFixture before = lane(ledger);
        before.presence(true);
        before.code("BERES1|ID=LS-000123|NAME=Nguyen Thi An|VALUE=1500000");
        assertEquals("PASSING", before.state());
        before.driveThrough();
        before.run(Duration.ofSeconds(3));
        assertEquals(List.of(BarrierAction.OPEN, BarrierAction.CLOSE), before.barrierCommands());
        ledger.close();

        // Restart: a new lane engine and a ledger opened again from the same file.
        SqliteResidentLedger reopened = SqliteResidentLedger.open(file);
        assertEquals(1_500_000L, reopened.usedVnd("LS-000123", "2026-11-23"));
        LaneFixture after = lane(reopened);
        after.presence(true);
        after.code("BERES1|ID=LS-000123|VALUE=600000");

        assertEquals("HELD", after.state());
        assertEquals(List.of(), after.barrierCommands());
        GateEvent decision = after.last(EventType.DECISION);
        assertEquals("HOLD", decision.payload().get("verdict"));
        assertEquals(List.of("resident-quota: quota exceeded: 1500000 VND already used in 2026-11-23 + 600000 VND now > quota 2000000 VND"),
                decision.payload().get("reasons"));

        // Within what is left, another purchase the same day passes and is added to the file.
        after.presence(false);
        after.lane.manual(org.borderedge.lane.ManualAction.RELEASE, "officer1", "resident turned back");
        after.presence(true);
        after.code("BERES1|ID=LS-000123|VALUE=500000");
        assertEquals("PASSING", after.state());
        Map<String, Object> purchase = after.last(EventType.RESIDENT_PURCHASE).payload();
        assertEquals(2_000_000L, ((Number) purchase.get("usedAfterVnd")).longValue());
        reopened.close();
        SqliteResidentLedger third = SqliteResidentLedger.open(file);
        assertEquals(2_000_000L, third.usedVnd("LS-000123", "2026-11-23"));
        third.close();
    }
}
