package org.borderedge.transport.serial;

/** Why bytes were thrown away by a {@link Framer}. */
public enum Discard {
    /** Bytes outside any frame (noise before STX, line noise) */
    GARBAGE,
    /** A frame cut short: a new start arrived before the end, or a fixed-length frame without its end byte */
    TRUNCATED,
    /** A frame longer than the profile's maxLength */
    OVERSIZE
}
