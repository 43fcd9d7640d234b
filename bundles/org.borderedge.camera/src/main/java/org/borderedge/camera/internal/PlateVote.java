package org.borderedge.camera.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Frame-to-frame vote over what the recogniser read: a text is accepted when it was read in at
 * least {@code minVotes} of the last {@code window} frames, or once with confidence at or above
 * {@code instantConfidence}. One misread frame therefore never becomes a plate on the lane. An
 * accepted text is not accepted again while it keeps being seen within {@code repeatSuppress}
 * (a truck standing in front of the camera is one arrival, not one per frame).
 */
final class PlateVote {

    /** An accepted read: the text, the best confidence among its votes, and the frame that carried it. */
    record Accepted(String text, double confidence, long frame) {
    }

    private record Read(long frame, String text, double confidence) {
    }

    private final int window;
    private final int minVotes;
    private final double instantConfidence;
    private final double minConfidence;
    private final Duration repeatSuppress;
    private final Deque<Read> reads = new ArrayDeque<>();
    private final Map<String, Instant> lastSeenAccepted = new HashMap<>();
    private long frame;

    PlateVote(int window, int minVotes, double instantConfidence, double minConfidence, Duration repeatSuppress) {
        if (window < 1 || minVotes < 1 || minVotes > window) {
            throw new IllegalArgumentException("vote needs 1 <= minVotes <= window, got " + minVotes + " of " + window);
        }
        this.window = window;
        this.minVotes = minVotes;
        this.instantConfidence = instantConfidence;
        this.minConfidence = minConfidence;
        this.repeatSuppress = repeatSuppress;
    }

    /** One frame's candidate texts with their confidences; returns what this frame made acceptable. */
    synchronized List<Accepted> frame(Map<String, Double> candidates, Instant now) {
        long current = ++frame;
        while (!reads.isEmpty() && reads.peekFirst().frame() <= current - window) {
            reads.removeFirst();
        }
        lastSeenAccepted.values().removeIf(seen -> Duration.between(seen, now).compareTo(repeatSuppress) > 0);
        List<Accepted> accepted = new java.util.ArrayList<>();
        for (Map.Entry<String, Double> c : candidates.entrySet()) {
            double confidence = c.getValue();
            if (confidence < minConfidence) {
                continue;
            }
            String text = c.getKey();
            reads.addLast(new Read(current, text, confidence));
            if (lastSeenAccepted.containsKey(text)) {
                lastSeenAccepted.put(text, now);
                continue;
            }
            long votes = reads.stream().filter(r -> r.text().equals(text)).count();
            if (votes >= minVotes || confidence >= instantConfidence) {
                double best = reads.stream().filter(r -> r.text().equals(text)).mapToDouble(Read::confidence).max().orElse(confidence);
                accepted.add(new Accepted(text, best, current));
                lastSeenAccepted.put(text, now);
            }
        }
        return accepted;
    }

    synchronized Optional<Instant> lastAccepted(String text) {
        return Optional.ofNullable(lastSeenAccepted.get(text));
    }
}
