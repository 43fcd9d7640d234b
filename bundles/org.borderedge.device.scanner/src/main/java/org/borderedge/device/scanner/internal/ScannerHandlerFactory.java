package org.borderedge.device.scanner.internal;

import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Component;

/** Driver {@code scanner-tcp-json}; {@link Folder} is driver {@code scanner-folder}. */
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

    /** Driver {@code scanner-folder}: requests and verdicts as files in a shared folder. */
    @Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + Folder.DRIVER)
    public static class Folder implements DeviceHandlerFactory {
        public static final String DRIVER = "scanner-folder";

        @Override
        public String driver() {
            return DRIVER;
        }

        @Override
        public DeviceHandler create(DeviceContext context) {
            return new FolderScannerHandler(context);
        }
    }
}
