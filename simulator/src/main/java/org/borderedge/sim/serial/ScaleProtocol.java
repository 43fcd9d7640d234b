package org.borderedge.sim.serial;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What each weighing indicator puts on the wire, written from the protocol descriptions (not from
 * the gateway's parser), so tests of the driver against the simulator check one against the other.
 */
public enum ScaleProtocol {

    /** Yaohua XK3190-A9 continuous: STX, sign, 6 digits, decimals, XOR hex, ETX. */
    YAOHUA_A9("yaohua-a9", "scale/yaohua-xk3190a9", false) {
        @Override
        byte[] frame(ScaleReading r, boolean badChecksum) {
            long kg = r.wholeKg();
            String body = (r.negative() ? "-" : "+") + String.format(Locale.ROOT, "%06d", Math.min(Math.abs(kg), 999_999)) + "0";
            int x = 0;
            for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
                x ^= b & 0xFF;
            }
            if (badChecksum) {
                x ^= 0x5A;
            }
            return ascii("\u0002" + body + String.format("%02X", x) + "\u0003");
        }
    },
    /** Yaohua XK3190-A12 line mode: ww025340kg LF. */
    YAOHUA_A12("yaohua-a12", "scale/yaohua-xk3190a12", false) {
        @Override
        byte[] frame(ScaleReading r, boolean badChecksum) {
            return ascii("ww" + (r.negative() ? "-" : "") + String.format(Locale.ROOT, "%06d", Math.abs(r.wholeKg())) + "kg\n");
        }
    },
    /** Mettler Toledo continuous: STX SWA SWB SWC, 6 weight digits, 6 tare digits, CR. */
    MT_CONTINUOUS("mt-continuous", "scale/mettlertoledo-continuous", false) {
        @Override
        byte[] frame(ScaleReading r, boolean badChecksum) {
            // SWA: bit 5 always set, bits 3-4 = 01 (count by 1), bits 0-2 = 010 (no decimal point)
            char swa = (char) (0x20 | 0x08 | 0x02);
            int swb = 0x20 | 0x10; // kg
            if (r.motion()) {
                swb |= 0x08;
            }
            if (r.overload()) {
                swb |= 0x04;
            }
            if (r.negative()) {
                swb |= 0x02;
            }
            long kg = r.overload() ? 999_999 : Math.min(Math.abs(r.wholeKg()), 999_999);
            return ascii("\u0002" + swa + (char) swb + ' ' + String.format(Locale.ROOT, "%06d", kg) + "000000\r");
        }
    },
    /** MT-SICS: answers SI / S with "S S     100.00 kg" (S D moving, S + over) CR LF. */
    MT_SICS("mt-sics", "scale/mettlertoledo-sics", true) {
        @Override
        byte[] frame(ScaleReading r, boolean badChecksum) {
            if (r.overload()) {
                return ascii("S +\r\n");
            }
            String v = (r.negative() ? "-" : "") + r.kg().abs().setScale(2, RoundingMode.HALF_UP).toPlainString();
            return ascii("S " + (r.motion() ? "D" : "S") + String.format(Locale.ROOT, "%11s", v) + " kg\r\n");
        }

        @Override
        boolean isRequest(String line) {
            return line.equals("SI") || line.equals("S");
        }
    },
    /** SMA: answers LF W CR with LF, status, range, G, motion, reserved, weight, unit, CR. */
    SMA("sma", "scale/generic-sma", true) {
        @Override
        byte[] frame(ScaleReading r, boolean badChecksum) {
            char status = r.overload() ? 'O' : r.kg().signum() == 0 ? 'Z' : ' ';
            String v = (r.negative() ? "-" : "") + r.kg().abs().setScale(3, RoundingMode.HALF_UP).toPlainString();
            return ascii("\n" + status + "1G" + (r.motion() ? 'M' : ' ') + ' ' + String.format(Locale.ROOT, "%10s", v) + "kg \r");
        }

        @Override
        boolean isRequest(String line) {
            return line.equals("W");
        }
    },
    /** The generic continuous line ST,GS,+0012.34 kg (US moving, OL overload). */
    STGS("stgs", "scale/generic-stgs", false) {
        @Override
        byte[] frame(ScaleReading r, boolean badChecksum) {
            if (r.overload()) {
                return ascii("OL,GS,         kg\r\n");
            }
            String v = String.format(Locale.ROOT, "%08.2f", r.kg().abs().setScale(2, RoundingMode.HALF_UP));
            return ascii((r.motion() ? "US" : "ST") + ",GS," + (r.negative() ? "-" : "+") + v + " kg\r\n");
        }
    };

    private final String cliName;
    private final String profileId;
    private final boolean polled;

    ScaleProtocol(String cliName, String profileId, boolean polled) {
        this.cliName = cliName;
        this.profileId = profileId;
        this.polled = polled;
    }

    abstract byte[] frame(ScaleReading r, boolean badChecksum);

    /** For polled protocols: whether a received line (without CR/LF) asks for a reading. */
    boolean isRequest(String line) {
        return false;
    }

    public boolean polled() {
        return polled;
    }

    /** Only Yaohua A9 frames carry a checksum a simulator can spoil. */
    public boolean hasChecksum() {
        return this == YAOHUA_A9;
    }

    /** The device profile the gateway should use for this indicator. */
    public String profileId() {
        return profileId;
    }

    public String cliName() {
        return cliName;
    }

    public static ScaleProtocol byName(String name) {
        for (ScaleProtocol p : values()) {
            if (p.cliName.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown scale protocol '" + name + "'; known: yaohua-a9, yaohua-a12, "
                + "mt-continuous, mt-sics, sma, stgs");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What the indicator shows at one instant. */
    record ScaleReading(BigDecimal kg, boolean motion, boolean overload) {
        boolean negative() {
            return kg.signum() < 0;
        }

        long wholeKg() {
            return kg.setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
    }
}
