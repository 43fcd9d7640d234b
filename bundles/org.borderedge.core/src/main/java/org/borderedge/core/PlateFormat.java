package org.borderedge.core;

/** Plate formats a gate sees; drives grammar checks and confusable-character correction. */
public enum PlateFormat {
    /** Vietnamese: 2-digit province, 1-2 series letters (or letter + digit), 4-5 digits. */
    VN,
    /** Chinese: province character, letter, 5 alphanumerics (6 on new-energy plates). */
    CN,
    /** Cambodian: class digit, 1-2 letters, 4 digits. */
    KH,
    UNKNOWN
}
