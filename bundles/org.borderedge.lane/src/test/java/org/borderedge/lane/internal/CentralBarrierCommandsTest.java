package org.borderedge.lane.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.borderedge.core.CentralCommand;
import org.borderedge.core.CommandOutcome;
import org.borderedge.lane.Lane;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.junit.jupiter.api.Test;

class CentralBarrierCommandsTest {

    private final List<String> calls = new ArrayList<>();

    /** A lane that records manual calls and answers with the given result. */
    private Lane lane(String id, ManualResult answer) {
        return (Lane) Proxy.newProxyInstance(Lane.class.getClassLoader(), new Class<?>[] {Lane.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "id": return id;
                case "manual":
                    calls.add(id + " " + a[0] + " " + a[1] + " " + a[2]);
                    return answer;
                default: throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    private static CentralCommand open(Map<String, Object> args) {
        return new CentralCommand("c-1", "open-barrier", args, Instant.now(), Instant.now().plusSeconds(60));
    }

    @Test
    void opensThroughTheLanesManualActionAsTheCentral() {
        CentralBarrierCommands handler = new CentralBarrierCommands(List.of(
                lane("IMP-1", ManualResult.accepted("ok")), lane("EXP-1", ManualResult.accepted("ok"))));
        CommandOutcome outcome = handler.execute(open(Map.of("laneId", "EXP-1", "reason", "ambulance")));
        assertTrue(outcome.accepted(), outcome.detail());
        assertEquals(List.of("EXP-1 " + ManualAction.OPEN + " central ambulance (command c-1)"), calls);
    }

    @Test
    void refusalsCarryTheReason() {
        CentralBarrierCommands handler = new CentralBarrierCommands(List.of(
                lane("IMP-1", ManualResult.refusedState("barrier offline"))));
        CommandOutcome refused = handler.execute(open(Map.of("laneId", "IMP-1", "reason", "r")));
        assertFalse(refused.accepted());
        assertTrue(refused.detail().contains("REFUSED_STATE: barrier offline"), refused.detail());
        assertTrue(handler.execute(open(Map.of("laneId", "NOPE", "reason", "r"))).detail().contains("no lane NOPE"));
        assertTrue(handler.execute(open(Map.of("laneId", "IMP-1"))).detail().contains("args.reason"));
        assertTrue(handler.execute(open(Map.of("reason", "r"))).detail().contains("args.laneId"));
        assertEquals(1, calls.size(), "only the well-formed command for an existing lane reached the lane");
    }
}
