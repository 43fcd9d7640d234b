package org.borderedge.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ContainerNumberTest {

    @Test
    void workedExamplesFromIso6346() {
        assertEquals(6185, ContainerNumber.weightedSum("CSQU305438"));
        assertEquals(3, ContainerNumber.checkDigit("CSQU305438"));
        assertEquals(4061, ContainerNumber.weightedSum("CBHU320273"));
        assertEquals(2, ContainerNumber.checkDigit("CBHU320273"));
        assertTrue(ContainerNumber.isValid("CSQU3054383"));
        assertTrue(ContainerNumber.isValid("CBHU3202732"));
    }

    @Test
    void wrongCheckDigitIsRejected() {
        assertFalse(ContainerNumber.isValid("CSQU3054384"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContainerNumber("CSQU3054384"));
        assertTrue(e.getMessage().contains("should be 3"), e.getMessage());
    }

    @Test
    void letterValuesSkipMultiplesOfEleven() {
        assertEquals(10, ContainerNumber.charValue('A'));
        assertEquals(12, ContainerNumber.charValue('B'));
        assertEquals(21, ContainerNumber.charValue('K'));
        assertEquals(23, ContainerNumber.charValue('L'));
        assertEquals(32, ContainerNumber.charValue('U'));
        assertEquals(34, ContainerNumber.charValue('V'));
        assertEquals(38, ContainerNumber.charValue('Z'));
    }

    @Test
    void parseToleratesSeparatorsAndCase() {
        ContainerNumber c = ContainerNumber.parse("csqu 305438-3").orElseThrow();
        assertEquals("CSQU3054383", c.value());
        assertEquals("CSQ", c.ownerCode());
        assertEquals('U', c.category());
        assertEquals("305438", c.serial());
        assertTrue(ContainerNumber.parse("CSQX3054383").isEmpty(), "category must be U, J or Z");
        assertTrue(ContainerNumber.parse("").isEmpty());
        assertTrue(ContainerNumber.parse(null).isEmpty());
    }
}
