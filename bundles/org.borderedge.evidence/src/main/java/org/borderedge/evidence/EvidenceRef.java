package org.borderedge.evidence;

import java.util.Objects;

/** How an event names a piece of evidence: its id, the SHA-256 of its content (hex), size and media type. */
public record EvidenceRef(String id, String sha256, long size, String mediaType) {

    public EvidenceRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
