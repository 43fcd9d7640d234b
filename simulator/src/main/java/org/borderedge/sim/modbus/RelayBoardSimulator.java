package org.borderedge.sim.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceProfile;

/**
 * Simulated relay boards with barrier physics on one Modbus line (TCP port or RTU serial port).
 * <pre>
 * try (RelayBoardSimulator sim = RelayBoardSimulator.builder()
 *         .board(1, "barrier/waveshare-relay8", Map.of())
 *         .travel(Duration.ofSeconds(2))
 *         .startTcp(0)) {
 *     String endpoint = sim.endpointUri(1);     // modbus-tcp://127.0.0.1:PORT?unit=1
 *     sim.barrier(1).vehicleArrives();
 * }
 * </pre>
 */
public final class RelayBoardSimulator implements AutoCloseable {

    private final Map<Integer, RelayBoard> boards;
    private final AutoCloseable slave;
    private final String lineUri;

    private RelayBoardSimulator(Map<Integer, RelayBoard> boards, AutoCloseable slave, String lineUri) {
        this.boards = boards;
        this.slave = slave;
        this.lineUri = lineUri;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Endpoint URI for the device on {@code unit}, as a site file would name it. */
    public String endpointUri(int unit) {
        return lineUri + (lineUri.contains("?") ? "&" : "?") + "unit=" + unit;
    }

    /** TCP port, or -1 for RTU. */
    public int port() {
        return slave instanceof ModbusTcpSlave tcp ? tcp.port() : -1;
    }

    public RelayBoard board(int unit) {
        RelayBoard b = boards.get(unit);
        if (b == null) {
            throw new IllegalArgumentException("no board with unit " + unit + " (units: " + boards.keySet() + ")");
        }
        return b;
    }

    public BarrierPhysics barrier(int unit) {
        return board(unit).barrier();
    }

    public Map<Integer, RelayBoard> boards() {
        return boards;
    }

    @Override
    public void close() {
        try {
            slave.close();
        } catch (Exception ignored) {
            // best effort on shutdown
        }
    }

    public static final class Builder {
        private final Map<Integer, Object[]> specs = new LinkedHashMap<>();
        private Duration travel = Duration.ofMillis(2500);
        private Ticker ticker = Ticker.system();
        private String host = "127.0.0.1";
        private int baud = 9600;

        /** A board on {@code unit}: a built-in profile id, and site options overriding its defaults. */
        public Builder board(int unit, String profileId, Map<String, Object> options) {
            return board(unit, BarrierProfiles.builtIn(profileId), options);
        }

        public Builder board(int unit, DeviceProfile profile, Map<String, Object> options) {
            if (unit < 1 || unit > 247) {
                throw new IllegalArgumentException("unit " + unit + " outside 1..247");
            }
            specs.put(unit, new Object[] {profile, Map.copyOf(options)});
            return this;
        }

        /** How long the boom takes from closed to open (and back). */
        public Builder travel(Duration travel) {
            this.travel = travel;
            return this;
        }

        public Builder ticker(Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder baud(int baud) {
            this.baud = baud;
            return this;
        }

        /** Serves Modbus TCP on {@code port} (0: a free port). */
        public RelayBoardSimulator startTcp(int port) throws IOException {
            Map<Integer, RelayBoard> boards = build();
            ModbusTcpSlave slave = new ModbusTcpSlave(boards, host, port);
            return new RelayBoardSimulator(boards, slave, "modbus-tcp://" + host + ":" + slave.port());
        }

        /** Serves Modbus RTU on a serial port or pty path (8N1 at the builder's baud rate). */
        public RelayBoardSimulator startRtu(String path) throws IOException {
            return startRtu(path, path);
        }

        /**
         * Serves Modbus RTU on {@code path}; {@link #endpointUri(int)} names {@code masterPath}, the
         * other end of a socat pty pair, where the gateway connects.
         */
        public RelayBoardSimulator startRtu(String path, String masterPath) throws IOException {
            Map<Integer, RelayBoard> boards = build();
            ModbusRtuSlave slave = new ModbusRtuSlave(boards, path, baud);
            return new RelayBoardSimulator(boards, slave, "modbus-rtu://" + masterPath + "?baud=" + baud);
        }

        private Map<Integer, RelayBoard> build() {
            if (specs.isEmpty()) {
                throw new IllegalStateException("no board configured");
            }
            Map<Integer, RelayBoard> boards = new TreeMap<>();
            specs.forEach((unit, spec) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> options = (Map<String, Object>) spec[1];
                boards.put(unit, new RelayBoard(BarrierProfiles.map((DeviceProfile) spec[0], options),
                        new BarrierPhysics(ticker, travel)));
            });
            return java.util.Collections.unmodifiableMap(boards);
        }
    }
}
