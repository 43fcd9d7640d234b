package org.borderedge.lane.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.core.CentralCommand;
import org.borderedge.core.CentralCommandHandler;
import org.borderedge.core.CommandOutcome;
import org.borderedge.lane.Lane;
import org.borderedge.lane.ManualAction;
import org.borderedge.lane.ManualResult;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The central's "open-barrier" command (args laneId, reason): a manual OPEN by the user "central",
 * so it passes the same checks and is journalled as MANUAL_OVERRIDE like a technician's override.
 */
@Component(service = CentralCommandHandler.class)
public class CentralBarrierCommands implements CentralCommandHandler {

    static final String OPEN_BARRIER = "open-barrier";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();

    public CentralBarrierCommands() {
    }

    CentralBarrierCommands(List<Lane> lanes) {
        this.lanes.addAll(lanes);
    }

    @Override
    public Set<String> commands() {
        return Set.of(OPEN_BARRIER);
    }

    @Override
    public CommandOutcome execute(CentralCommand command) {
        if (!OPEN_BARRIER.equals(command.name())) {
            return CommandOutcome.refused("not handled here: " + command.name());
        }
        String laneId = command.arg("laneId");
        String reason = command.arg("reason");
        if (laneId == null || laneId.isBlank()) {
            return CommandOutcome.refused("open-barrier needs args.laneId");
        }
        if (reason == null || reason.isBlank()) {
            return CommandOutcome.refused("open-barrier needs args.reason");
        }
        Optional<Lane> lane = lanes.stream().filter(l -> laneId.equals(l.id())).findFirst();
        if (lane.isEmpty()) {
            return CommandOutcome.refused("no lane " + laneId + " on this gateway");
        }
        ManualResult result = lane.get().manual(ManualAction.OPEN, "central", reason + " (command " + command.id() + ")");
        return result.accepted()
                ? CommandOutcome.done("barrier of lane " + laneId + " opened: " + result.reason())
                : CommandOutcome.refused(result.status() + ": " + result.reason());
    }
}
