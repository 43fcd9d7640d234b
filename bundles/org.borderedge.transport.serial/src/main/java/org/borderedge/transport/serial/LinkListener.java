package org.borderedge.transport.serial;

/** Receives what a {@link ByteLink} sees. Called on the link's reader thread: return quickly. */
@org.osgi.annotation.versioning.ConsumerType
public interface LinkListener {

    void onFrame(byte[] frame);

    /** Bytes the framer threw away, with the reason; the link has already resynchronised. */
    default void onDiscard(Discard why, byte[] bytes) {
    }

    /** The port or socket is open (again). */
    default void onConnected(String description) {
    }

    /** The port or socket is gone or cannot be opened; the link keeps retrying with backoff. */
    default void onDisconnected(String reason) {
    }

    /** A polled device did not answer a request in time; {@code consecutive} counts since the last reply. */
    default void onNoReply(int consecutive) {
    }

    /** No byte arrived for the configured silence time while connected (continuous-output devices). */
    default void onSilence(long silentMillis) {
    }
}
