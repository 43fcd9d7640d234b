package org.borderedge.sync.mqtt.internal;

/** Topic leaves under {@code <prefix>/<gatewayId>/}; docs/sync-mqtt.md describes each. */
final class Topics {

    static final String UP_EVENTS = "up/events";
    static final String UP_REPLY = "up/reply";
    static final String STATUS = "status";
    static final String DOWN_REFDATA = "down/refdata";
    static final String DOWN_COMMAND = "down/command";
    static final String DOWN_ALL = "down/#";

    private Topics() {
    }
}
