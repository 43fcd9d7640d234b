package org.borderedge.seal;

/**
 * The result of a requested transition.
 *
 * @param status ACCEPTED; INVALID (request incomplete, HTTP 400); REFUSED (not allowed from the
 *     current state, HTTP 409); UNKNOWN_SEAL (HTTP 404); FAILED (could not be journalled, HTTP 503)
 * @param record the seal after an accepted transition, else as it was (null if unknown)
 * @param reason why not, empty when accepted
 */
public record SealTransition(Status status, SealRecord record, String reason) {

    public enum Status { ACCEPTED, INVALID, REFUSED, UNKNOWN_SEAL, FAILED }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
