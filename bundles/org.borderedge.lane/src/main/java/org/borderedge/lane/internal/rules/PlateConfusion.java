package org.borderedge.lane.internal.rules;

import java.util.Optional;

/**
 * Characters a plate recogniser confuses. Used only to accept a declaration a QR code names when
 * the camera read differs from its plate in exactly one such character: never to match on its own.
 */
public final class PlateConfusion {

    private static final String[] GROUPS = {"0ODQ", "1IL", "2Z", "5S", "6G", "8B", "4A", "7T"};

    private PlateConfusion() {
    }

    public static boolean confusable(char a, char b) {
        if (a == b) {
            return true;
        }
        for (String g : GROUPS) {
            if (g.indexOf(a) >= 0 && g.indexOf(b) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Position of the single confusable difference between two normalised plates, if that is all that differs. */
    public static Optional<Integer> singleConfusableDifference(String read, String declared) {
        if (read.length() != declared.length()) {
            return Optional.empty();
        }
        int position = -1;
        for (int i = 0; i < read.length(); i++) {
            char a = read.charAt(i);
            char b = declared.charAt(i);
            if (a != b) {
                if (position >= 0 || !confusable(a, b)) {
                    return Optional.empty();
                }
                position = i;
            }
        }
        return position < 0 ? Optional.empty() : Optional.of(position);
    }
}
