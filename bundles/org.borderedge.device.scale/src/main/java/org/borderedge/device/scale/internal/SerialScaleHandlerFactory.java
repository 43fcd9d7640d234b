package org.borderedge.device.scale.internal;

import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Component;

/** Driver {@code serial-scale}: any weighing indicator a scale profile describes, over serial or TCP. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + SerialScaleHandlerFactory.DRIVER)
public class SerialScaleHandlerFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "serial-scale";

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new ScaleHandler(context, Ticker.system());
    }
}
