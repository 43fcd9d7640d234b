package org.borderedge.core;

/** Clearance channel set by the central risk system. */
public enum Channel {
    /** No document or physical check. */
    GREEN,
    /** Documents only. */
    YELLOW,
    /** Documents plus physical inspection (manual or X-ray scan). */
    RED
}
