package org.borderedge.core;

/** What a handler did with a central command; {@code detail} goes into the reply and the journal. */
public record CommandOutcome(boolean accepted, String detail) {

    public static CommandOutcome done(String detail) {
        return new CommandOutcome(true, detail);
    }

    public static CommandOutcome refused(String detail) {
        return new CommandOutcome(false, detail);
    }
}
