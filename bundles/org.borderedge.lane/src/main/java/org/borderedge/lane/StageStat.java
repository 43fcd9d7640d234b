package org.borderedge.lane;

/**
 * Recent durations of one stage on one lane.
 *
 * @param name a {@link Stage} name (duration from the previous milestone reached), or
 *        "ARRIVAL_TO_PASSED" for the release time of the whole cycle
 * @param count cycles in the window that reached the stage
 */
public record StageStat(String name, long count, double p50Ms, double p95Ms) {
}
