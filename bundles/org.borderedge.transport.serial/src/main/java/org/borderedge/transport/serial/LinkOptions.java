package org.borderedge.transport.serial;

import java.time.Duration;
import java.util.Objects;
import org.borderedge.core.Ticker;

/**
 * How a link behaves: reconnect backoff, optional polling (request bytes sent every interval, a reply
 * frame expected within the timeout), silence detection, and the monotonic time source.
 */
public record LinkOptions(Duration reconnectMin, Duration reconnectMax, byte[] pollRequest, Duration pollInterval,
        Duration replyTimeout, Duration silence, Ticker ticker) {

    public LinkOptions {
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(ticker, "ticker");
        pollRequest = pollRequest == null ? null : pollRequest.clone();
    }

    public static LinkOptions defaults() {
        return new LinkOptions(Duration.ofMillis(200), Duration.ofSeconds(5), null, null, null, null, Ticker.system());
    }

    public LinkOptions withReconnect(Duration min, Duration max) {
        return new LinkOptions(min, max, pollRequest, pollInterval, replyTimeout, silence, ticker);
    }

    public LinkOptions withPolling(byte[] request, Duration interval, Duration timeout) {
        return new LinkOptions(reconnectMin, reconnectMax, request, interval, timeout, silence, ticker);
    }

    public LinkOptions withSilence(Duration silence) {
        return new LinkOptions(reconnectMin, reconnectMax, pollRequest, pollInterval, replyTimeout, silence, ticker);
    }

    public boolean polled() {
        return pollRequest != null && pollRequest.length > 0 && pollInterval != null && replyTimeout != null;
    }
}
