package org.borderedge.device.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One device instance, as the site file declares it. */
@ObjectClassDefinition(name = "BorderEdge device", description = "A device: a profile bound to an endpoint, serving a lane")
public @interface DeviceConfig {

    @AttributeDefinition(name = "Device id")
    String device_id();

    @AttributeDefinition(name = "Kind", description = "barrier, scale, camera, qr-reader, eseal-reader, scanner")
    String device_kind();

    @AttributeDefinition(name = "Lane", description = "Lane id; empty for devices shared by lanes", required = false)
    String lane_id() default "";

    @AttributeDefinition(name = "Profile", description = "<kind>/<vendor>-<model>")
    String profile();

    @AttributeDefinition(name = "Endpoint", description = "e.g. modbus-tcp://10.0.0.5:502?unit=1, serial:///dev/ttyUSB0")
    String endpoint();

    @AttributeDefinition(name = "Options", description = "JSON object overriding the profile's defaults", required = false)
    String options() default "{}";
}
