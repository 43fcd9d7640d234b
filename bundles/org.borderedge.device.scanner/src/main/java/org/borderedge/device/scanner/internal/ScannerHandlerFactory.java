package org.borderedge.device.scanner.internal;

import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Component;

/** Driver {@code scanner-tcp-json}. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + ScannerHandlerFactory.DRIVER)
public class ScannerHandlerFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "scanner-tcp-json";

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new ScannerHandler(context);
    }
}
