package org.borderedge.sim.serial;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A gate e-seal reader reporting the seal on the truck in front of it, as a line
 * ({@code SEAL,<id>,<LOCKED|UNLOCKED|TAMPERED>,<battery>,<lat>,<lon>}; profile
 * eseal-reader/generic-line) or as a JSON line (profile eseal-reader/generic-json).
 */
public final class ESealSimulator implements AutoCloseable {

    public enum Format {
        LINE("eseal-reader/generic-line"), JSON("eseal-reader/generic-json");

        private final String profileId;

        Format(String profileId) {
            this.profileId = profileId;
        }

        public String profileId() {
            return profileId;
        }
    }

    public enum Lock { LOCKED, UNLOCKED, TAMPERED }

    private final DevicePort port;
    private final Format format;

    public ESealSimulator(DevicePort port, Format format) {
        this.port = port;
        this.format = format;
    }

    public String profileId() {
        return format.profileId();
    }

    public DevicePort port() {
        return port;
    }

    /** Reports a seal; battery, latitude and longitude may be null. False when no gateway listens. */
    public boolean present(String sealId, Lock lock, Integer batteryPct, Double lat, Double lon) {
        String line;
        if (format == Format.JSON) {
            StringBuilder sb = new StringBuilder("{\"sealId\":\"").append(sealId).append("\",\"lock\":\"").append(lock).append('"');
            if (batteryPct != null) {
                sb.append(",\"battery\":").append(batteryPct);
            }
            if (lat != null && lon != null) {
                sb.append(String.format(Locale.ROOT, ",\"lat\":%.6f,\"lon\":%.6f", lat, lon));
            }
            line = sb.append('}').toString();
        } else {
            line = "SEAL," + sealId + "," + lock + "," + (batteryPct == null ? "" : batteryPct) + ","
                    + (lat == null ? "" : String.format(Locale.ROOT, "%.6f", lat)) + ","
                    + (lon == null ? "" : String.format(Locale.ROOT, "%.6f", lon));
        }
        return port.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public boolean present(String sealId, Lock lock) {
        return present(sealId, lock, 90, 21.8537, 106.7615);
    }

    @Override
    public void close() {
        port.close();
    }
}
