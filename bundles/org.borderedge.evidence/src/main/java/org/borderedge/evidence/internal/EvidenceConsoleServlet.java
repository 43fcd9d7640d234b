package org.borderedge.evidence.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.borderedge.console.ConsoleAccess;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Evidence in the console, for any logged-in user (viewer and up):
 * GET /console/evidence/{id}: the content;
 * GET /console/evidence/lanes/{laneId}: references of the lane's last decided cycle;
 * GET /console/evidence/lanes/{laneId}/{kind}: that cycle's newest item of a kind (what the lane card's img shows).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-evidence-console")
@HttpWhiteboardServletPattern("/console/evidence/*")
public final class EvidenceConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EvidenceStore store;
    private final transient ConsoleAccess access;

    @Activate
    public EvidenceConsoleServlet(@Reference EvidenceStore store, @Reference ConsoleAccess access) {
        this.store = store;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        ConsoleAccess.Check check = access.check(req, ConsoleAccess.VIEWER);
        if (!check.allowed()) {
            EvidenceResponses.error(resp, check.status(), check.status() == 401 ? "unauthenticated" : "forbidden", check.message());
            return;
        }
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String[] parts = info.split("/");
        if (parts.length == 2 && !parts[1].isEmpty()) {
            EvidenceResponses.content(store, parts[1], req, resp, false);
            return;
        }
        if (parts.length >= 3 && parts[1].equals("lanes")) {
            List<EvidenceItem> items = store.latestDecided(parts[2]);
            if (parts.length == 3) {
                List<Object> out = new ArrayList<>();
                items.forEach(i -> out.add(EvidenceResponses.itemJson(i)));
                EvidenceResponses.json(resp, 200, Map.of("laneId", parts[2], "evidence", out));
                return;
            }
            if (parts.length == 4) {
                for (int k = items.size() - 1; k >= 0; k--) {
                    EvidenceItem i = items.get(k);
                    if (i.kind().equals(parts[3]) && i.evicted() == null) {
                        EvidenceResponses.content(store, i.ref().id(), req, resp, false);
                        return;
                    }
                }
                EvidenceResponses.error(resp, 404, "not_found", "no " + parts[3] + " evidence for the last decision on " + parts[2]);
                return;
            }
        }
        EvidenceResponses.error(resp, 404, "not_found", "no such evidence resource " + info);
    }
}
