package org.borderedge.console.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.core.CentralLink;
import org.borderedge.device.Device;
import org.borderedge.device.ProfileRegistry;
import org.borderedge.outbox.Outbox;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.servlet.ServletMapping;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The console's servlets in embedded Jetty 12 on a free loopback port, over a cycling lane source
 * and an in-memory outbox: the same servlet classes the HTTP whiteboard runs in the gateway.
 */
final class ConsoleHarness implements AutoCloseable, GatewayServices {

    static final String SUPERVISOR = "chief";
    static final String SUPERVISOR_PASSWORD = "Chief-pass-2026";
    static final String TECHNICIAN = "tech";
    static final String TECHNICIAN_PASSWORD = "Tech-pass-2026";
    static final String VIEWER = "guard";
    static final String VIEWER_PASSWORD = "Guard-pass-2026";

    final CyclingLaneSource lanes;
    final MemoryOutbox outbox = new MemoryOutbox();
    final List<Device> devices = new ArrayList<>();
    volatile CentralLink link;
    volatile org.borderedge.access.AgencyTokens agencyTokens;
    final Console console;
    private final Server server;
    final String base;

    ConsoleHarness(Path dataDir, boolean bootstrap) throws Exception {
        Clock clock = Clock.systemUTC();
        lanes = new CyclingLaneSource(clock);
        ConsoleSettings settings = ConsoleSettings.defaults(dataDir, ZoneId.of("Asia/Ho_Chi_Minh"));
        if (bootstrap) {
            settings = settings.withBootstrap(SUPERVISOR, SUPERVISOR_PASSWORD);
        }
        console = new Console(settings, clock, this);
        console.watch(lanes);
        if (bootstrap) {
            console.users.create(TECHNICIAN, TECHNICIAN_PASSWORD, Role.TECHNICIAN);
            console.users.create(VIEWER, VIEWER_PASSWORD, Role.VIEWER);
        }
        ConsoleRuntime runtime = () -> console;
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler ctx = new ServletContextHandler("/");
        ServletHandler handler = ctx.getServletHandler();
        ServletHolder consoleHolder = new ServletHolder("console", new ConsoleServlet(runtime));
        consoleHolder.setAsyncSupported(true);
        handler.addServlet(consoleHolder);
        ServletMapping m = new ServletMapping();
        m.setServletName("console");
        m.setPathSpecs(new String[] {"/console", "/console/*", "/api/v1/lanes", "/api/v1/lanes/*"});
        handler.addServletMapping(m);
        ctx.addServlet(new ServletHolder("metrics", new MetricsServlet(runtime)), "/metrics");
        server.setHandler(ctx);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        base = "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        lanes.close();
        console.close();
        server.stop();
    }

    @Override
    public LaneConsoleSource lanes() {
        return lanes;
    }

    @Override
    public List<Device> devices() {
        return devices;
    }

    @Override
    public Optional<Outbox> outbox() {
        return Optional.of(outbox);
    }

    @Override
    public Optional<CentralLink> centralLink() {
        return Optional.ofNullable(link);
    }

    @Override
    public Optional<ProfileRegistry> profiles() {
        return Optional.empty();
    }

    @Override
    public Optional<org.borderedge.access.AgencyTokens> agencyTokens() {
        return Optional.ofNullable(agencyTokens);
    }
}
