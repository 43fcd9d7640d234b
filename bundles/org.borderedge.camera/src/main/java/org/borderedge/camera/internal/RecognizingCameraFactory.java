package org.borderedge.camera.internal;

import java.util.function.BiFunction;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;

/**
 * A camera driver whose handler recognises plates in the gateway: the picture sources (folder, HTTP
 * snapshot, MJPEG) differ only in the handler they make, all sharing the one recogniser.
 */
abstract class RecognizingCameraFactory implements DeviceHandlerFactory {

    private final String driver;
    private final RecognizerHolder recognizers;
    private final BiFunction<DeviceContext, RecognizerHolder, DeviceHandler> handlers;

    RecognizingCameraFactory(String driver, RecognizerHolder recognizers,
            BiFunction<DeviceContext, RecognizerHolder, DeviceHandler> handlers) {
        this.driver = driver;
        this.recognizers = recognizers;
        this.handlers = handlers;
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return handlers.apply(context, recognizers);
    }
}
