package org.borderedge.console;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The console's authentication for servlets of other bundles (evidence, seals): the same sessions,
 * API tokens, CSRF rule and roles as the console's own API, checked in the same order: 401 when
 * nobody is authenticated, 403 for a state change through a session without the CSRF token, 403
 * when the role is too low.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ConsoleAccess {

    /** Roles as the console names them, each including the ones before it. */
    String VIEWER = "viewer";
    String TECHNICIAN = "technician";
    String SUPERVISOR = "supervisor";

    /** The CSRF header a session-authenticated state change must carry. */
    String CSRF_HEADER = "X-CSRF-Token";

    /**
     * @param status 200 when allowed, else 401 or 403
     * @param user the authenticated user, empty when none
     * @param role the user's role (viewer, technician, supervisor), empty when none
     * @param message why not, empty when allowed
     */
    record Check(int status, String user, String role, String message) {
        public boolean allowed() {
            return status == 200;
        }
    }

    /** Checks the request's credentials against {@code minimumRole} (one of the role constants). */
    Check check(HttpServletRequest request, String minimumRole);
}
