package org.borderedge.anpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.borderedge.core.Plate;
import org.junit.jupiter.api.Test;

class PlateVoterTest {

    @Test
    void differentSingleMisreadsInEachFrameStillGiveTheRightPlate() {
        PlateVoter voter = new PlateVoter();
        voter.offer(Plate.of("51F67890"), 0.9);
        voter.offer(Plate.of("51F67898"), 0.7);
        voter.offer(Plate.of("51E67890"), 0.6);
        voter.offer(Plate.of("51F61890"), 0.8);
        PlateVoter.Vote v = voter.result().orElseThrow();
        assertEquals("51F67890", v.plate().text());
        assertEquals(1, v.support());
        assertEquals(4, v.reads());
    }

    @Test
    void aTruncatedReadDoesNotMixWithFullReads() {
        PlateVoter voter = new PlateVoter();
        voter.offer(Plate.of("29C12345"), 0.9);
        voter.offer(Plate.of("29C12345"), 0.8);
        voter.offer(Plate.of("9C12345"), 0.95);
        assertEquals("29C12345", voter.result().orElseThrow().plate().text());
    }

    @Test
    void disagreementLowersConfidence() {
        PlateVoter agreeing = new PlateVoter();
        PlateVoter split = new PlateVoter();
        for (int i = 0; i < 4; i++) {
            agreeing.offer(Plate.of("51F67890"), 0.9);
            split.offer(Plate.of(i % 2 == 0 ? "51F67890" : "30A11111"), 0.9);
        }
        assertTrue(agreeing.result().orElseThrow().confidence() > split.result().orElseThrow().confidence() + 0.3);
    }

    @Test
    void nothingOfferedNoVote() {
        PlateVoter voter = new PlateVoter();
        assertTrue(voter.result().isEmpty());
        voter.offer(Recognition.failed("no plate"));
        assertTrue(voter.result().isEmpty());
        voter.offer(Plate.of("51F67890"), 0.9);
        voter.reset();
        assertTrue(voter.result().isEmpty());
    }
}
