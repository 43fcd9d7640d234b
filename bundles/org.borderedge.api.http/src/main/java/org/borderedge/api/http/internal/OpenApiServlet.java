package org.borderedge.api.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The OpenAPI document of the REST API, shipped as a resource (no authentication: it holds no data). */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-openapi")
@HttpWhiteboardServletPattern("/api/v1/openapi.json")
public final class OpenApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                resp.sendError(500, "openapi.json missing from the bundle");
                return;
            }
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            in.transferTo(resp.getOutputStream());
        }
    }
}
