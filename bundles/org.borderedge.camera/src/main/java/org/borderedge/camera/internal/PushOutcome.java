package org.borderedge.camera.internal;

/** What became of a push; the receiver counts each outcome under its counter name. */
enum PushOutcome {
    ACCEPTED("accepted"),
    /** Authenticated, understood, but no plate to report (heartbeat, other event type, plate "unknown"). */
    NO_PLATE("noPlate"),
    REFUSED_UNKNOWN_ADDRESS("refused.unknownAddress"),
    REFUSED_CREDENTIALS("refused.credentials"),
    REFUSED_CHANNEL("refused.channel"),
    MALFORMED("malformed");

    final String counter;

    PushOutcome(String counter) {
        this.counter = counter;
    }
}
