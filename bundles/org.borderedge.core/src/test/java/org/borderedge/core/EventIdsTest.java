package org.borderedge.core;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreVersion7AndIncreaseEvenWhenTheClockStandsStillOrStepsBack() {
        Instant t = Instant.parse("2026-11-23T01:00:00Z");
        Clock[] clock = {Clock.fixed(t, ZoneOffset.UTC)};
        EventIds ids = new EventIds(new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return clock[0].instant(); }
        });
        UUID previous = ids.next();
        assertEquals(7, previous.version());
        for (int i = 0; i < 10_000; i++) {
            if (i == 5000) {
                clock[0] = Clock.fixed(t.minusSeconds(3600), ZoneOffset.UTC);
            }
            UUID next = ids.next();
            assertTrue(Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits()) > 0,
                    "id " + i + " did not increase");
            previous = next;
        }
    }
}
