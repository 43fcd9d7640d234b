package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlateVoteTest {

    private final Instant t0 = Instant.parse("2026-11-23T01:00:00Z");

    private PlateVote vote() {
        return new PlateVote(5, 2, 0.9, 0.5, Duration.ofSeconds(10));
    }

    @Test
    void oneLowConfidenceReadIsNotEnoughTwoInTheWindowAre() {
        PlateVote v = vote();
        assertEquals(List.of(), v.frame(Map.of("51F67890", 0.7), t0));
        assertEquals(List.of(), v.frame(Map.of(), t0.plusMillis(200)));
        List<PlateVote.Accepted> a = v.frame(Map.of("51F67890", 0.8), t0.plusMillis(400));
        assertEquals(1, a.size());
        assertEquals("51F67890", a.get(0).text());
        assertEquals(0.8, a.get(0).confidence(), 1e-9, "the best confidence among the votes");
    }

    @Test
    void readsOutsideTheWindowDoNotAddUp() {
        PlateVote v = vote();
        v.frame(Map.of("51F67890", 0.7), t0);
        for (int i = 1; i <= 5; i++) {
            assertEquals(List.of(), v.frame(Map.of("51F67B90", 0.7), t0.plusMillis(i)).stream()
                    .filter(x -> x.text().equals("51F67890")).toList());
        }
        assertEquals(List.of(), v.frame(Map.of("51F67890", 0.7), t0.plusMillis(10)),
                "the first read fell out of the 5-frame window");
    }

    @Test
    void aConfidentReadIsAcceptedAtOnceAndBelowMinimumNever() {
        PlateVote v = vote();
        assertEquals(1, v.frame(Map.of("29C12345", 0.95), t0).size());
        assertEquals(List.of(), v.frame(Map.of("12D11248", 0.4), t0));
        assertEquals(List.of(), v.frame(Map.of("12D11248", 0.4), t0), "reads below minConfidence do not vote");
    }

    @Test
    void aStandingTruckIsOneArrivalUntilItIsGoneLongerThanTheSuppression() {
        PlateVote v = vote();
        assertEquals(1, v.frame(Map.of("29C12345", 0.95), t0).size());
        for (int s = 1; s <= 30; s++) {
            assertEquals(List.of(), v.frame(Map.of("29C12345", 0.95), t0.plusSeconds(s)), "still in view at " + s + " s");
        }
        assertEquals(List.of(), v.frame(Map.of(), t0.plusSeconds(35)));
        assertEquals(1, v.frame(Map.of("29C12345", 0.95), t0.plusSeconds(41)).size(), "back after 11 s unseen");
    }

    @Test
    void refusesAnImpossibleVote() {
        assertThrows(IllegalArgumentException.class, () -> new PlateVote(2, 3, 0.9, 0.5, Duration.ZERO));
    }
}
