package org.borderedge.lane.internal;

import org.borderedge.core.LaneType;
import org.borderedge.lane.Lane;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One lane from one factory configuration (the site file's lanes list). */
@Component(service = Lane.class, configurationPid = LaneComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LaneComponent.Config.class, factory = true)
public class LaneComponent implements Lane {

    public static final String PID = "org.borderedge.lane";

    @ObjectClassDefinition(name = "BorderEdge lane")
    public @interface Config {
        @AttributeDefinition(name = "Lane id")
        String lane_id();

        @AttributeDefinition(name = "Lane type", description = "road-import, road-export, port-gate-in, port-gate-out, resident-trade")
        String lane_type();
    }

    private String id;
    private LaneType type;

    @Activate
    void activate(Config config) {
        id = config.lane_id();
        type = LaneType.fromWireName(config.lane_type())
                .orElseThrow(() -> new IllegalArgumentException("unknown lane type " + config.lane_type()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LaneType type() {
        return type;
    }

    @Override
    public String state() {
        return "IDLE";
    }
}
