package org.borderedge.core;

import java.time.Instant;

/** State of the link to the central clearance system, as the sync component sees it. */
public interface CentralLink {

    boolean connected();

    /** Last time the central was heard from (ack, message, pull); null if never. */
    Instant lastContact();
}
