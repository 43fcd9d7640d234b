package org.borderedge.device;

import java.util.concurrent.CompletionStage;

/** The driver-side of one device instance. */
@org.osgi.annotation.versioning.ConsumerType
public interface DeviceHandler {

    /** Starts talking to the device. Must not block: connect in the background, report through the context. */
    void initialize();

    /** Never throws: a failure is a refused result. */
    CompletionStage<CommandResult> execute(DeviceCommand command);

    /** Releases connections and threads; the device is gone after this. */
    void dispose();
}
