package org.borderedge.console.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.borderedge.console.ConsoleAccess;
import org.borderedge.console.internal.Sessions.Session;
import org.borderedge.console.internal.UserStore.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ConsoleAccess} over the console's users and sessions, for servlets outside this bundle. */
@Component(service = ConsoleAccess.class)
public final class ConsoleAccessComponent implements ConsoleAccess {

    private final ConsoleRuntime runtime;

    @Activate
    public ConsoleAccessComponent(@Reference ConsoleRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Check check(HttpServletRequest req, String minimumRole) {
        Console console = runtime.console();
        Principal principal = null;
        Session session = null;
        String authz = req.getHeader("Authorization");
        if (authz != null) {
            // the read-only pull token is no console token, so it authenticates nobody here
            if (authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
                principal = console.users.authenticateToken(authz.substring(7).trim()).orElse(null);
            }
        } else if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if (Sessions.COOKIE.equals(c.getName())) {
                    Optional<Session> s = console.sessions.find(c.getValue(),
                            !"1".equals(req.getHeader(ConsoleServlet.BACKGROUND_HEADER)));
                    if (s.isPresent()) {
                        session = s.get();
                        principal = session.principal;
                        break;
                    }
                }
            }
        }
        if (principal == null) {
            return new Check(401, "", "", "log in first");
        }
        String method = req.getMethod();
        boolean unsafe = !"GET".equals(method) && !"HEAD".equals(method);
        if (unsafe && session != null && !session.csrfMatches(req.getHeader(CSRF_HEADER))) {
            return new Check(403, principal.name(), principal.role().wireName(), "missing or wrong " + CSRF_HEADER + " header");
        }
        Role needed = Role.parse(minimumRole).orElse(Role.SUPERVISOR);
        if (!principal.role().atLeast(needed)) {
            return new Check(403, principal.name(), principal.role().wireName(), "needs the " + needed.wireName() + " role");
        }
        return new Check(200, principal.name(), principal.role().wireName(), "");
    }
}
