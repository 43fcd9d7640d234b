package org.borderedge.core;

/** A plate, container or seal the central risk system wants held, with its reason. */
public record WatchlistEntry(WatchlistEntry.Subject subject, String value, String reason) {

    public enum Subject { PLATE, CONTAINER, SEAL, DECLARANT }
}
