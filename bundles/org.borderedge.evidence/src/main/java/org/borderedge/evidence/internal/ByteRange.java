package org.borderedge.evidence.internal;

import java.util.Optional;

/**
 * One HTTP byte range (RFC 9110 section 14.1.2) resolved against a size: first and last byte inclusive.
 * Several ranges in one request are answered with the whole content, which the RFC allows.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** Thrown for a syntactically valid range that lies outside the content: HTTP 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsatisfiable(String message) {
            super(message);
        }
    }

    /** Empty when there is no usable Range header (absent, not bytes, several ranges, malformed): serve it all. */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable("suffix range " + spec + " of " + size + " bytes");
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new Unsatisfiable("range starts at " + first + ", content has " + size + " bytes");
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
