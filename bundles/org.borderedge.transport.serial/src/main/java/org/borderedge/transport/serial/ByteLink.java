package org.borderedge.transport.serial;

/** A framed, self-reconnecting connection to one device. */
@org.osgi.annotation.versioning.ProviderType
public interface ByteLink extends AutoCloseable {

    Endpoint endpoint();

    boolean connected();

    /** Writes bytes now; false (never an exception) when the link is down or the write failed. */
    boolean send(byte[] bytes);

    /** Number of times the link has (re)opened since start. */
    long connects();

    /** Stops the reader thread and closes the port; the listener hears nothing more. */
    @Override
    void close();
}
