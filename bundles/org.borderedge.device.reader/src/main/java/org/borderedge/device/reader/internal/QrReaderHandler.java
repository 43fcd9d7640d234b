package org.borderedge.device.reader.internal;

import static org.borderedge.device.DeviceOptions.longOf;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.Observation;

/** A QR / barcode reader in serial (or TCP) keyboard-less mode: one code per line. */
final class QrReaderHandler extends LinkedReaderHandler {

    private Pattern plainDeclaration;
    private int maxPayload;

    QrReaderHandler(DeviceContext ctx, Ticker ticker) {
        super(ctx, ticker);
    }

    @Override
    void configure(DeviceContext ctx) {
        Map<String, Object> qr = ctx.profile().section("qr");
        Object p = qr.get("declarationPattern");
        try {
            plainDeclaration = p == null ? null : Pattern.compile(String.valueOf(p));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("qr.declarationPattern is not a regular expression: " + e.getDescription());
        }
        maxPayload = (int) longOf(qr, "maxPayload", 1024);
    }

    @Override
    Observation read(String text) throws Rejected {
        QrPayload q = QrPayload.parse(text, plainDeclaration, maxPayload);
        if (q.declarationId().isEmpty()) {
            ctx.count("foreignCodes");
        }
        return new Observation.QrObserved(q.payload(), q.declarationId(), ctx.clock().instant());
    }
}
