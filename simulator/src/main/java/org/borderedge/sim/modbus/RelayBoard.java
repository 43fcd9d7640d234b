package org.borderedge.sim.modbus;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.barrier.RelayBoardMap;

/**
 * One relay board (one Modbus unit) wired to a barrier and its loops exactly as the profile and
 * site options say: relay writes move the boom, inputs report limits, loops and the forced-open
 * alarm. Unknown functions and addresses get the exception replies a real board would send.
 */
public final class RelayBoard {

    /** A reply PDU, and how the framing should break it (null: not at all). */
    record Reply(byte[] pdu, Fault.Malformation framing) {
    }

    private final RelayBoardMap map;
    private final BarrierPhysics barrier;
    private final boolean[] relays;
    private final Map<BarrierAction, AtomicLong> pulses = new EnumMap<>(BarrierAction.class);
    private final AtomicLong requests = new AtomicLong();
    private volatile Fault fault = Fault.none();

    public RelayBoard(RelayBoardMap map, BarrierPhysics barrier) {
        this.map = map;
        this.barrier = barrier;
        this.relays = new boolean[map.relayCount()];
        for (BarrierAction a : BarrierAction.values()) {
            pulses.put(a, new AtomicLong());
        }
    }

    public RelayBoardMap map() {
        return map;
    }

    public BarrierPhysics barrier() {
        return barrier;
    }

    public void fault(Fault fault) {
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }

    /** Relay {@code n} (1-based) energised now. */
    public synchronized boolean relay(int n) {
        return relays[n - 1];
    }

    /** How often the relay wired to {@code action} was switched on. */
    public long pulses(BarrierAction action) {
        return pulses.get(action).get();
    }

    public long requests() {
        return requests.get();
    }

    /** Input {@code n} (1-based) as the board reads it, after active-low wiring. */
    public boolean input(int n) {
        boolean logical;
        if (n == map.openLimitInput()) {
            logical = barrier.openLimit();
        } else if (n == map.closeLimitInput()) {
            logical = barrier.closeLimit();
        } else if (n == map.presenceLoopInput()) {
            logical = barrier.loop(BarrierPhysics.Zone.PRESENCE);
        } else if (n == map.safetyLoopInput()) {
            logical = barrier.loop(BarrierPhysics.Zone.SAFETY);
        } else if (n == map.exitLoopInput()) {
            logical = barrier.loop(BarrierPhysics.Zone.EXIT);
        } else if (n == map.forcedOpenInput()) {
            logical = barrier.forcedOpen();
        } else {
            logical = false;
        }
        return map.active(n, logical);
    }

    /** Handles a request PDU; null means the board stays silent. */
    synchronized Reply handle(byte[] pdu) {
        requests.incrementAndGet();
        Fault f = fault;
        if (f.kind() == Fault.Kind.SILENT) {
            return null;
        }
        int fc = pdu[0] & 0xFF;
        if (f.kind() == Fault.Kind.EXCEPTION) {
            return new Reply(new byte[] {(byte) (fc | 0x80), (byte) f.exceptionCode()}, null);
        }
        byte[] reply = answer(pdu);
        if (f.kind() == Fault.Kind.MALFORMED) {
            switch (f.malformation()) {
                case BYTE_COUNT -> {
                    if (reply.length > 2 && (reply[0] & 0x80) == 0 && fc <= 4) {
                        reply[1] = (byte) (reply[1] + 1);
                    } else {
                        reply = java.util.Arrays.copyOf(reply, reply.length - 1);
                    }
                }
                case WRONG_FUNCTION -> reply[0] = (byte) (fc == 3 ? 4 : 3);
                default -> {
                    return new Reply(reply, f.malformation());
                }
            }
        }
        return new Reply(reply, null);
    }

    private byte[] answer(byte[] pdu) {
        int fc = pdu[0] & 0xFF;
        if (pdu.length != 5) {
            return exception(fc, fc >= 1 && fc <= 6 ? 3 : 1);
        }
        int address = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
        int value = ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF);
        return switch (fc) {
            case 0x01 -> readBits(fc, address, value, map.relayWrite() == RelayBoardMap.RelayWrite.COIL,
                    map.inputRead() == RelayBoardMap.InputRead.COILS);
            case 0x02 -> readBits(fc, address, value, false, map.inputRead() == RelayBoardMap.InputRead.DISCRETE_INPUTS);
            case 0x03 -> readRegisters(fc, address, value, map.relayWrite() == RelayBoardMap.RelayWrite.REGISTER,
                    map.inputRead() == RelayBoardMap.InputRead.HOLDING_REGISTERS);
            case 0x04 -> readRegisters(fc, address, value, false, map.inputRead() == RelayBoardMap.InputRead.INPUT_REGISTERS);
            case 0x05 -> write(pdu, address, value, map.relayWrite() == RelayBoardMap.RelayWrite.COIL);
            case 0x06 -> write(pdu, address, value, map.relayWrite() == RelayBoardMap.RelayWrite.REGISTER);
            default -> exception(fc, 1);
        };
    }

    /** Value at a table address: relay or input state, or -1 when nothing is there. */
    private int cell(int address, boolean relaysHere, boolean inputsHere) {
        if (relaysHere && address >= map.relayFirstAddress() && address < map.relayFirstAddress() + map.relayCount()) {
            return relays[address - map.relayFirstAddress()] ? 1 : 0;
        }
        if (inputsHere && address >= map.inputFirstAddress() && address < map.inputFirstAddress() + map.inputCount()) {
            return input(address - map.inputFirstAddress() + 1) ? 1 : 0;
        }
        return -1;
    }

    private byte[] readBits(int fc, int address, int count, boolean relaysHere, boolean inputsHere) {
        if (!relaysHere && !inputsHere) {
            return exception(fc, 1);
        }
        if (count < 1 || count > 2000) {
            return exception(fc, 3);
        }
        byte[] out = new byte[2 + (count + 7) / 8];
        out[0] = (byte) fc;
        out[1] = (byte) ((count + 7) / 8);
        for (int i = 0; i < count; i++) {
            int v = cell(address + i, relaysHere, inputsHere);
            if (v < 0) {
                return exception(fc, 2);
            }
            if (v == 1) {
                out[2 + i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return out;
    }

    private byte[] readRegisters(int fc, int address, int count, boolean relaysHere, boolean inputsHere) {
        if (!relaysHere && !inputsHere) {
            return exception(fc, 1);
        }
        if (count < 1 || count > 125) {
            return exception(fc, 3);
        }
        byte[] out = new byte[2 + 2 * count];
        out[0] = (byte) fc;
        out[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            int v = cell(address + i, relaysHere, inputsHere);
            if (v < 0) {
                return exception(fc, 2);
            }
            out[3 + 2 * i] = (byte) v;
        }
        return out;
    }

    private byte[] write(byte[] pdu, int address, int value, boolean relaysHere) {
        int fc = pdu[0] & 0xFF;
        if (!relaysHere) {
            return exception(fc, 1);
        }
        int index = address - map.relayFirstAddress();
        if (index < 0 || index >= map.relayCount()) {
            return exception(fc, 2);
        }
        if (value != map.onValue() && value != map.offValue()) {
            return exception(fc, 3);
        }
        setRelay(index + 1, value == map.onValue());
        return pdu.clone();
    }

    private void setRelay(int n, boolean on) {
        boolean was = relays[n - 1];
        relays[n - 1] = on;
        if (n == map.stopRelay()) {
            barrier.stopContact(on);
            if (on && !was) {
                pulses.get(BarrierAction.STOP).incrementAndGet();
            }
        } else if (on && !was && n == map.openRelay()) {
            pulses.get(BarrierAction.OPEN).incrementAndGet();
            barrier.openContact();
        } else if (on && !was && n == map.closeRelay()) {
            pulses.get(BarrierAction.CLOSE).incrementAndGet();
            barrier.closeContact();
        }
    }

    private static byte[] exception(int fc, int code) {
        return new byte[] {(byte) (fc | 0x80), (byte) code};
    }
}
