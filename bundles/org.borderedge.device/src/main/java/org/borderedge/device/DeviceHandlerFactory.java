package org.borderedge.device;

/**
 * A driver: creates handlers for devices whose profile names it in {@code driver}.
 * Registered as an OSGi service; several drivers may live in one bundle.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface DeviceHandlerFactory {

    String PROP_DRIVER = "device.driver";

    /** The profile {@code driver} value this factory serves, e.g. {@code modbus-relay-barrier}. */
    String driver();

    DeviceHandler create(DeviceContext context);
}
