package org.borderedge.transport.serial;

import org.borderedge.transport.serial.internal.ReconnectingLink;

/** Opens links. The link starts its own reader thread and returns at once: opening never blocks. */
public final class ByteLinks {

    private ByteLinks() {
    }

    public static ByteLink open(Endpoint endpoint, FrameSpec frames, LinkOptions options, LinkListener listener) {
        ReconnectingLink link = new ReconnectingLink(endpoint, frames, options, listener);
        link.start();
        return link;
    }
}
