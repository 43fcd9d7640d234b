package org.borderedge.sim.serial;

import java.nio.charset.StandardCharsets;

/**
 * A serial QR / barcode reader: each presented code goes out as one line ended by CR. Pre-declaration
 * codes use the BEQR1 format the gateway's serial-qr-reader driver reads
 * ({@code BEQR1|DECL=<id>|PLATE=<plate>|CONT=<container>}). Gateway profile: qr-reader/generic-serialqr.
 */
public final class QrReaderSimulator implements AutoCloseable {

    public static final String PROFILE_ID = "qr-reader/generic-serialqr";

    private final DevicePort port;

    public QrReaderSimulator(DevicePort port) {
        this.port = port;
    }

    public DevicePort port() {
        return port;
    }

    /** Sends a raw code as the reader would; false when no gateway is listening. */
    public boolean present(String payload) {
        return port.write((payload + "\r").getBytes(StandardCharsets.UTF_8));
    }

    /** A driver shows the pre-declaration QR for {@code declarationId} (plate and container may be empty). */
    public boolean presentDeclaration(String declarationId, String plate, String container) {
        return present(declaration(declarationId, plate, container));
    }

    public static String declaration(String declarationId, String plate, String container) {
        StringBuilder sb = new StringBuilder("BEQR1|DECL=").append(declarationId);
        if (plate != null && !plate.isEmpty()) {
            sb.append("|PLATE=").append(plate);
        }
        if (container != null && !container.isEmpty()) {
            sb.append("|CONT=").append(container);
        }
        return sb.toString();
    }

    /** A border resident shows the purchase code at a resident-trade lane (name may be empty). */
    public boolean presentResident(String residentId, String name, long valueVnd) {
        return present(resident(residentId, name, valueVnd));
    }

    /** {@code BERES1|ID=<resident id>|NAME=<name>|VALUE=<goods value in VND>}, read by resident-trade lanes. */
    public static String resident(String residentId, String name, long valueVnd) {
        StringBuilder sb = new StringBuilder("BERES1|ID=").append(residentId);
        if (name != null && !name.isEmpty()) {
            sb.append("|NAME=").append(name);
        }
        return sb.append("|VALUE=").append(valueVnd).toString();
    }

    /** A damaged read: bytes that are no code at all. */
    public boolean presentGarbage() {
        return port.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x01, 0x7F, '\r'});
    }

    @Override
    public void close() {
        port.close();
    }
}
