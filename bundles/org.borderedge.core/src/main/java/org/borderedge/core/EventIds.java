package org.borderedge.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 event ids: 48-bit millisecond time, then a counter so ids made in the same millisecond
 * still sort in creation order, then random bits. Thread-safe.
 */
public final class EventIds {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long counter;

    public EventIds(Clock clock) {
        this.clock = clock;
    }

    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis <= lastMillis) {
            // Clock stood still or stepped back: keep ids increasing on the last timestamp.
            millis = lastMillis;
            counter++;
            if (counter > 0xFFF) {
                millis = ++lastMillis;
                counter = 0;
            }
        } else {
            lastMillis = millis;
            counter = random.nextInt(0x400);
        }
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    public String nextId() {
        return next().toString();
    }
}
