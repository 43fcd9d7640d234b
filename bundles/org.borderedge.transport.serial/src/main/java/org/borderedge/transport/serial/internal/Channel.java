package org.borderedge.transport.serial.internal;

import java.io.IOException;

/** One open connection; a failure is an IOException naming the cause, and the channel is then dead. */
interface Channel extends AutoCloseable {

    /** Reads what is there, waiting at most the channel's read timeout; 0 when nothing came. */
    int read(byte[] buf) throws IOException;

    void write(byte[] bytes) throws IOException;

    String description();

    @Override
    void close();
}
