package org.borderedge.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PlateTest {

    @Test
    void vietnameseOneLine() {
        Plate p = Plate.of("51F-678.90");
        assertEquals("51F67890", p.text());
        assertEquals(PlateFormat.VN, p.format());
        assertEquals("51F-678.90", p.display());
        assertEquals("51F6789", Plate.of("51f 6789").text());
        assertEquals(PlateFormat.VN, Plate.of("51F-6789").format());
    }

    @Test
    void vietnameseTwoLineAndMotorbike() {
        assertEquals("29C12345", Plate.of("29C\n123.45").text());
        assertEquals(PlateFormat.VN, Plate.of("29C\n123.45").format());
        Plate bike = Plate.of("59X1-234.56");
        assertEquals("59X123456", bike.text());
        assertEquals(PlateFormat.VN, bike.format());
        assertEquals("59X1-234.56", bike.display());
        assertEquals("15D12345", Plate.of("15Đ-123.45").text(), "Đ folds to D for matching");
    }

    @Test
    void chineseTruckPlate() {
        Plate p = Plate.of("桂A·12345");
        assertEquals("桂A12345", p.text());
        assertEquals(PlateFormat.CN, p.format());
        assertEquals("桂A·12345", p.display());
        assertEquals(PlateFormat.UNKNOWN, Plate.of("桂I·12345").format(), "I is not used on Chinese plates");
    }

    @Test
    void cambodianAndUnknown() {
        assertEquals(PlateFormat.KH, Plate.of("2D-0008").format());
        assertEquals(PlateFormat.UNKNOWN, Plate.of("HELLO").format());
        assertThrows(IllegalArgumentException.class, () -> Plate.of(" - "));
    }
}
