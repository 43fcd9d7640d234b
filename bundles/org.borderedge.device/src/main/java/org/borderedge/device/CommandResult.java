package org.borderedge.device;

/** Outcome of a command: accepted, or refused with the reason (interlock, offline, unsupported). */
public record CommandResult(boolean accepted, String reason) {

    public static CommandResult ok() {
        return new CommandResult(true, "");
    }

    public static CommandResult refused(String reason) {
        return new CommandResult(false, reason);
    }
}
