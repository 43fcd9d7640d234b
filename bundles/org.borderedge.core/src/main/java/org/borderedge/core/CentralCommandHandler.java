package org.borderedge.core;

import java.util.Set;

/**
 * Executes central commands that act on lanes (e.g. "open-barrier"); the lane engine registers one
 * as an OSGi service. The sync bundle answers "no-handler" for a command no handler claims.
 * Must not block for long: the reply to the central waits for it.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CentralCommandHandler {

    /** Command names handled here. */
    Set<String> commands();

    /** Executes the command; never throws for a refusal, returns {@link CommandOutcome#refused} instead. */
    CommandOutcome execute(CentralCommand command);
}
