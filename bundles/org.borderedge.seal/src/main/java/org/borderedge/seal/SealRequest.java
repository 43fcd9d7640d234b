package org.borderedge.seal;

/**
 * A requested transition. reason and user are required; declarationId or vehicle are required for ASSIGN.
 */
public record SealRequest(SealAction action, String user, String reason, String declarationId, String vehicle) {

    public SealRequest {
        user = user == null ? "" : user.strip();
        reason = reason == null ? "" : reason.strip();
        declarationId = declarationId == null ? "" : declarationId.strip();
        vehicle = vehicle == null ? "" : vehicle.strip();
    }
}
