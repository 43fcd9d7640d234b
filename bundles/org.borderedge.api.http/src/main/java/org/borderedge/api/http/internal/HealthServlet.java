package org.borderedge.api.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.device.Device;
import org.borderedge.lane.Lane;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxStats;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** GET /api/v1/health: no authentication and nothing secret, for monitoring and the launcher's ready check. */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-health")
@HttpWhiteboardServletPattern("/api/v1/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<Device> devices = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    private transient BundleContext context;
    private String gatewayId;
    private List<String> configuredLanes;
    private Map<String, String> configuredDevices;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.gatewayId = String.valueOf(context.getProperty("borderedge.gateway.id"));
        this.configuredLanes = split(context.getProperty("borderedge.site.lanes"));
        this.configuredDevices = new LinkedHashMap<>();
        for (String pair : split(context.getProperty("borderedge.site.devices"))) {
            int eq = pair.indexOf('=');
            configuredDevices.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "unknown" : pair.substring(eq + 1));
        }
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<HealthReport.BundleInfo> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            bundles.add(new HealthReport.BundleInfo(b.getSymbolicName(), stateName(b.getState()),
                    b.getHeaders().get("Fragment-Host") != null));
        }
        List<HealthReport.DeviceInfo> deviceInfos = devices.stream()
                .map(d -> new HealthReport.DeviceInfo(d.id(), d.kind(), d.status().state().name(), d.status().reason()))
                .toList();
        List<HealthReport.LaneInfo> laneInfos = lanes.stream()
                .map(l -> new HealthReport.LaneInfo(l.id(), l.type().wireName(), l.state()))
                .toList();
        Outbox o = outbox;
        HealthReport.OutboxInfo outboxInfo = null;
        if (o != null) {
            OutboxStats s = o.stats();
            outboxInfo = new HealthReport.OutboxInfo(s.pending(), s.oldestPendingAgeMs(), s.degradedReason());
        }
        Map<String, Object> report = HealthReport.build(gatewayId, bundles, deviceInfos, laneInfos, outboxInfo,
                configuredLanes, configuredDevices);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), report);
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }
}
