package org.borderedge.lane.internal;

/**
 * What a lane does when the central link or its reference data is older than the configured maximum
 * age. Documented in the lane bundle's README.
 */
public enum OfflinePolicy {
    /** Decide on the cached declarations and watchlists as if online; the decision records its age. */
    DECIDE_ON_CACHE,
    /** Hold every vehicle except plates on the lane's offline whitelist (which are decided on the cache). */
    HOLD_EXCEPT_WHITELIST
}
