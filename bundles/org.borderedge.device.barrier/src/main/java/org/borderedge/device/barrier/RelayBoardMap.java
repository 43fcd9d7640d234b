package org.borderedge.device.barrier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.borderedge.device.DeviceCommand.BarrierAction;
import org.borderedge.device.DeviceProfile;

/**
 * Where a relay board keeps its relays and inputs (profile {@code relays} / {@code inputs}) and which
 * relay or input does what at this site (profile {@code defaults}, overridden by device options).
 * Relay and input numbers are 1-based; input number 0 means "not wired".
 */
public record RelayBoardMap(RelayWrite relayWrite, int relayFirstAddress, int relayCount, int onValue, int offValue,
        InputRead inputRead, int inputFirstAddress, int inputCount,
        int openRelay, int closeRelay, int stopRelay,
        int openLimitInput, int closeLimitInput, int presenceLoopInput, int safetyLoopInput, int exitLoopInput,
        int forcedOpenInput, Set<Integer> activeLowInputs,
        int pollMs, int pulseMs, int offlineAfterFailures) {

    /** How relays are switched: FC05 on coils or FC06 on holding registers. */
    public enum RelayWrite { COIL, REGISTER }

    /** How inputs are read: FC02, FC04, FC01 or FC03. */
    public enum InputRead { DISCRETE_INPUTS, INPUT_REGISTERS, COILS, HOLDING_REGISTERS }

    public RelayBoardMap {
        activeLowInputs = Set.copyOf(activeLowInputs);
    }

    /**
     * Builds the map of a profile with the merged options (profile defaults overridden by the site).
     *
     * @throws IllegalArgumentException naming the field and why, for a profile or option a board cannot have
     */
    public static RelayBoardMap from(DeviceProfile profile, Map<String, Object> options) {
        Map<String, Object> relays = profile.section("relays");
        Map<String, Object> inputs = profile.section("inputs");
        String where = "profile " + profile.id();
        RelayWrite write = switch (text(relays, "write", where + " relays")) {
            case "coil" -> RelayWrite.COIL;
            case "register" -> RelayWrite.REGISTER;
            default -> throw new IllegalArgumentException(where + ": relays.write must be coil or register");
        };
        InputRead read = switch (text(inputs, "read", where + " inputs")) {
            case "discrete-inputs" -> InputRead.DISCRETE_INPUTS;
            case "input-registers" -> InputRead.INPUT_REGISTERS;
            case "coils" -> InputRead.COILS;
            case "holding-registers" -> InputRead.HOLDING_REGISTERS;
            default -> throw new IllegalArgumentException(where
                    + ": inputs.read must be discrete-inputs, input-registers, coils or holding-registers");
        };
        int relayCount = integer(relays, "count", where + " relays", 1, 64);
        int inputCount = integer(inputs, "count", where + " inputs", 1, 64);
        String opts = "options of a device with " + where;
        Set<Integer> activeLow = new TreeSet<>();
        Object low = options.get("activeLowInputs");
        if (low instanceof List<?> list) {
            for (Object o : list) {
                activeLow.add(asInt(o, opts + ": activeLowInputs", 1, inputCount));
            }
        } else if (low != null) {
            throw new IllegalArgumentException(opts + ": activeLowInputs must be a list of input numbers");
        }
        RelayBoardMap map = new RelayBoardMap(write,
                integer(relays, "firstAddress", where + " relays", 0, 65535), relayCount,
                integer(relays, "onValue", where + " relays", 0, 65535),
                integer(relays, "offValue", where + " relays", 0, 65535),
                read, integer(inputs, "firstAddress", where + " inputs", 0, 65535), inputCount,
                integer(options, "openRelay", opts, 1, relayCount),
                integer(options, "closeRelay", opts, 1, relayCount),
                integer(options, "stopRelay", opts, 1, relayCount),
                optionalInput(options, "openLimitInput", opts, inputCount),
                optionalInput(options, "closeLimitInput", opts, inputCount),
                optionalInput(options, "presenceLoopInput", opts, inputCount),
                optionalInput(options, "safetyLoopInput", opts, inputCount),
                optionalInput(options, "exitLoopInput", opts, inputCount),
                optionalInput(options, "forcedOpenInput", opts, inputCount),
                activeLow,
                integer(options, "pollMs", opts, 20, 60_000),
                integer(options, "pulseMs", opts, 50, 10_000),
                options.containsKey("offlineAfterFailures") ? integer(options, "offlineAfterFailures", opts, 1, 100) : 3);
        map.checkWiring(opts);
        return map;
    }

    private void checkWiring(String where) {
        if (openRelay == closeRelay || openRelay == stopRelay || closeRelay == stopRelay) {
            throw new IllegalArgumentException(where + ": openRelay, closeRelay and stopRelay must be different relays, got "
                    + openRelay + ", " + closeRelay + ", " + stopRelay);
        }
        Map<Integer, String> used = new LinkedHashMap<>();
        String[] names = {"openLimitInput", "closeLimitInput", "presenceLoopInput", "safetyLoopInput", "exitLoopInput",
            "forcedOpenInput"};
        int[] numbers = {openLimitInput, closeLimitInput, presenceLoopInput, safetyLoopInput, exitLoopInput, forcedOpenInput};
        for (int i = 0; i < names.length; i++) {
            if (numbers[i] == 0) {
                continue;
            }
            String other = used.putIfAbsent(numbers[i], names[i]);
            if (other != null) {
                throw new IllegalArgumentException(where + ": input " + numbers[i] + " is wired as both " + other + " and "
                        + names[i]);
            }
        }
    }

    /** Modbus address of relay {@code n} (1-based). */
    public int relayAddress(int n) {
        return relayFirstAddress + n - 1;
    }

    /** Modbus address of input {@code n} (1-based). */
    public int inputAddress(int n) {
        return inputFirstAddress + n - 1;
    }

    public int relayFor(BarrierAction action) {
        return switch (action) {
            case OPEN -> openRelay;
            case CLOSE -> closeRelay;
            case STOP -> stopRelay;
        };
    }

    /** The logical state of input {@code n} from the raw value read, applying active-low wiring. */
    public boolean active(int n, boolean raw) {
        return activeLowInputs.contains(n) != raw;
    }

    /** Inputs a technician would check when commissioning: number → role. */
    public List<String> wiring() {
        List<String> out = new ArrayList<>();
        out.add("relay " + openRelay + " OPEN");
        out.add("relay " + closeRelay + " CLOSE");
        out.add("relay " + stopRelay + " STOP");
        if (openLimitInput > 0) out.add("input " + openLimitInput + " open limit");
        if (closeLimitInput > 0) out.add("input " + closeLimitInput + " close limit");
        if (presenceLoopInput > 0) out.add("input " + presenceLoopInput + " presence loop");
        if (safetyLoopInput > 0) out.add("input " + safetyLoopInput + " safety loop");
        if (exitLoopInput > 0) out.add("input " + exitLoopInput + " exit loop");
        if (forcedOpenInput > 0) out.add("input " + forcedOpenInput + " forced-open alarm");
        return out;
    }

    private static String text(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(where + ": " + key + " missing");
        }
        return s;
    }

    private static int integer(Map<String, Object> m, String key, String where, int min, int max) {
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException(where + ": " + key + " missing");
        }
        return asInt(m.get(key), where + ": " + key, min, max);
    }

    private static int optionalInput(Map<String, Object> m, String key, String where, int inputCount) {
        return m.containsKey(key) ? asInt(m.get(key), where + ": " + key, 0, inputCount) : 0;
    }

    private static int asInt(Object v, String what, int min, int max) {
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d+")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new IllegalArgumentException(what + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " = " + n + " is outside " + min + ".." + max);
        }
        return (int) n;
    }
}
