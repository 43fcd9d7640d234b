package org.borderedge.anpr.internal;

/** Characters the recogniser may emit for plates and container codes; everything else is masked out. */
public final class PlateAlphabet {

    public static final String DIGITS = "0123456789";
    public static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Chinese province abbreviations (the first character of a mainland plate). */
    public static final String CN_PROVINCES = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵黔云藏陕甘青宁新";
    /** Characters that are read (so they do not get forced into a neighbour) but not kept. */
    public static final String SEPARATORS = "-.·:";

    /** Every character the decoder is allowed to emit, in the order of {@link Glyph#scores()}. */
    public static final String ALL = DIGITS + LETTERS + CN_PROVINCES + SEPARATORS;

    private PlateAlphabet() {
    }

    public static int indexOf(char c) {
        return ALL.indexOf(c);
    }

    public static boolean isSeparator(char c) {
        return SEPARATORS.indexOf(c) >= 0;
    }
}
