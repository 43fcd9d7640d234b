package org.borderedge.evidence;

/** Kinds of evidence a decision keeps. */
public final class EvidenceKinds {

    public static final String PLATE_CROP = "plate-crop";
    public static final String OVERVIEW = "overview";
    public static final String SCAN = "scan";
    /** The scanner keeps the image itself; this is its reference as a JSON record. */
    public static final String SCAN_REFERENCE = "scan-reference";
    public static final String WEIGHING = "weighing";

    private EvidenceKinds() {
    }
}
