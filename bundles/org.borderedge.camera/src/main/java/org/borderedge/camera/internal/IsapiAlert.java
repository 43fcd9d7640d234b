package org.borderedge.camera.internal;

import java.time.OffsetDateTime;

/**
 * The fields of an ISAPI-style EventNotificationAlert the gateway uses. {@code plate} is empty
 * when the camera reported no plate (Hikvision sends {@code unknown}); {@code confidence} is the
 * camera's 0-100 level, -1 when absent; {@code cameraTime} is null when absent or unreadable.
 */
record IsapiAlert(String eventType, String ipAddress, int channelId, OffsetDateTime cameraTime, String plate,
        int confidence, String plateColor, String plateType, String direction, String vehicleType) {

    boolean isAnpr() {
        return "ANPR".equalsIgnoreCase(eventType);
    }

    boolean hasPlate() {
        return !plate.isEmpty();
    }
}
