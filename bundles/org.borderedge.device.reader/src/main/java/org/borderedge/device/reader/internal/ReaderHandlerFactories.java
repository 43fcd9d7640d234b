package org.borderedge.device.reader.internal;

import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Component;

/** The two reader drivers of this bundle. */
public final class ReaderHandlerFactories {

    private ReaderHandlerFactories() {
    }

    /** Driver {@code serial-qr-reader}. */
    @Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + QrReader.DRIVER)
    public static class QrReader implements DeviceHandlerFactory {
        public static final String DRIVER = "serial-qr-reader";

        @Override
        public String driver() {
            return DRIVER;
        }

        @Override
        public DeviceHandler create(DeviceContext context) {
            return new QrReaderHandler(context, Ticker.system());
        }
    }

    /** Driver {@code eseal-reader}. */
    @Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + ESealReader.DRIVER)
    public static class ESealReader implements DeviceHandlerFactory {
        public static final String DRIVER = "eseal-reader";

        @Override
        public String driver() {
            return DRIVER;
        }

        @Override
        public DeviceHandler create(DeviceContext context) {
            return new ESealReaderHandler(context, Ticker.system());
        }
    }
}
