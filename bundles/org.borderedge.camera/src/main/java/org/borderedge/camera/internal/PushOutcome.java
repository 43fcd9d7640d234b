package org.borderedge.camera.internal;

/** What became of a push; the receiver counts each outcome under its counter name. */
enum PushOutcome {
    ACCEPTED("accepted"),
    /** Authenticated, understood, but no plate to report (heartbeat, other event type, plate "unknown"). */
    NO_PLATE("noPlate"),
    /** A Digest camera's address without valid Digest credentials yet: answered 401 with a challenge, the HTTP handshake. */
    CHALLENGED("challenged"),
    /** As CHALLENGED, for a correct answer to an expired nonce: the camera retries with a fresh one. */
    CHALLENGED_STALE("challenged.stale"),
    REFUSED_UNKNOWN_ADDRESS("refused.unknownAddress"),
    REFUSED_CREDENTIALS("refused.credentials"),
    REFUSED_CHANNEL("refused.channel"),
    MALFORMED("malformed");

    final String counter;

    PushOutcome(String counter) {
        this.counter = counter;
    }
}
