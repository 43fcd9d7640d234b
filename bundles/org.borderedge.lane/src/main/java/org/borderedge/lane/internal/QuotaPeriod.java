package org.borderedge.lane.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;

/** The period a resident's value quota applies to: a calendar day, ISO week or month in the checkpoint's zone. */
public enum QuotaPeriod {
    DAY, WEEK, MONTH;

    /** The period's key in the ledger: 2026-11-23, 2026-W48, 2026-11. */
    public String key(Instant time, ZoneId zone) {
        LocalDate d = time.atZone(zone).toLocalDate();
        return switch (this) {
            case DAY -> d.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", d.getYear(), d.getMonthValue());
        };
    }

    public static Optional<QuotaPeriod> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
