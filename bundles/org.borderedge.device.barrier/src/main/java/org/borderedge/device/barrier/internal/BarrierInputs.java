package org.borderedge.device.barrier.internal;

import org.borderedge.device.Observation.BarrierPosition;
import org.borderedge.device.barrier.RelayBoardMap;

/** One poll's worth of inputs, already mapped to their roles (unwired inputs read as false). */
record BarrierInputs(boolean openLimit, boolean closeLimit, boolean presence, boolean safety, boolean exit,
        boolean forcedOpen) {

    /** {@code raw[i]} is input i+1 as read from the board. */
    static BarrierInputs of(RelayBoardMap map, boolean[] raw) {
        return new BarrierInputs(role(map, raw, map.openLimitInput()), role(map, raw, map.closeLimitInput()),
                role(map, raw, map.presenceLoopInput()), role(map, raw, map.safetyLoopInput()),
                role(map, raw, map.exitLoopInput()), role(map, raw, map.forcedOpenInput()));
    }

    private static boolean role(RelayBoardMap map, boolean[] raw, int input) {
        return input > 0 && map.active(input, raw[input - 1]);
    }

    /** Limit switches decide; both at once is a wiring or switch fault, not a position. */
    BarrierPosition position(RelayBoardMap map) {
        if (map.openLimitInput() == 0 || map.closeLimitInput() == 0) {
            return BarrierPosition.UNKNOWN;
        }
        if (openLimit && closeLimit) {
            return BarrierPosition.UNKNOWN;
        }
        return openLimit ? BarrierPosition.OPEN : closeLimit ? BarrierPosition.CLOSED : BarrierPosition.MOVING;
    }
}
