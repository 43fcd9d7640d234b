package org.borderedge.access;

/** A new token with its secret: the only time the secret exists outside the agency's client. */
public record IssuedToken(AgencyToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + "]";
    }
}
