package org.borderedge.device.reader.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrPayloadTest {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12}");

    @Test
    void preDeclarationCodeInAnyFieldOrder() throws Rejected {
        QrPayload q = QrPayload.parse("BEQR1|PLATE=51F67890|DECL=305123456789|CONT=CSQU3054383|X=later", TWELVE_DIGITS, 512);
        assertEquals("305123456789", q.declarationId());
        assertEquals("51F67890", q.plate());
        assertEquals("CSQU3054383", q.container());
    }

    @Test
    void plainDeclarationIdAndForeignCodes() throws Rejected {
        assertEquals("305123456789", QrPayload.parse("305123456789", TWELVE_DIGITS, 512).declarationId());
        assertEquals("", QrPayload.parse("https://example.org/menu", TWELVE_DIGITS, 512).declarationId());
        assertEquals("", QrPayload.parse("30512345678", TWELVE_DIGITS, 512).declarationId(), "11 digits is no declaration");
    }

    @Test
    void damagedCodesAreRefusedWithTheReason() {
        assertEquals("unparsed", assertThrows(Rejected.class, () -> QrPayload.parse("BEQR1|PLATE=51F67890", TWELVE_DIGITS, 512)).counter);
        assertTrue(assertThrows(Rejected.class, () -> QrPayload.parse("BEQR1|DECL=30512<>6789", TWELVE_DIGITS, 512))
                .getMessage().contains("DECL"));
        assertEquals("unparsed", assertThrows(Rejected.class, () -> QrPayload.parse("BEQR1|DECL", TWELVE_DIGITS, 512)).counter);
        assertEquals("garbage", assertThrows(Rejected.class, () -> QrPayload.parse("BEQR1|DECL=1\u0002", TWELVE_DIGITS, 512)).counter);
        assertEquals("garbage", assertThrows(Rejected.class, () -> QrPayload.parse("30512\uFFFD456789", TWELVE_DIGITS, 512)).counter);
        assertEquals("oversize", assertThrows(Rejected.class, () -> QrPayload.parse("9".repeat(600), TWELVE_DIGITS, 512)).counter);
    }
}
