package org.borderedge.device;

import java.util.Set;

/** Device kinds as profiles, site files and the health API spell them. */
public final class DeviceKinds {
    public static final String BARRIER = "barrier";
    public static final String SCALE = "scale";
    public static final String CAMERA = "camera";
    public static final String QR_READER = "qr-reader";
    public static final String ESEAL_READER = "eseal-reader";
    public static final String SCANNER = "scanner";

    public static final Set<String> ALL = Set.of(BARRIER, SCALE, CAMERA, QR_READER, ESEAL_READER, SCANNER);

    private DeviceKinds() {
    }
}
