package org.borderedge.device.reader.internal;

import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.Observation;

/** A gate e-seal reader: each report names a seal and its lock state, battery and position. */
final class ESealReaderHandler extends LinkedReaderHandler {

    private SealReportParser parser;

    ESealReaderHandler(DeviceContext ctx, Ticker ticker) {
        super(ctx, ticker);
    }

    @Override
    void configure(DeviceContext ctx) {
        parser = new SealReportParser(ctx.profile().section("seal"));
    }

    @Override
    Observation read(String text) throws Rejected {
        return parser.parse(text, ctx.clock().instant());
    }
}
