package org.borderedge.camera.internal;

import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: Reads an MJPEG stream and recognises plates in the gateway. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + MjpegCameraFactory.DRIVER)
public class MjpegCameraFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "mjpeg-camera";

    private final RecognizerHolder recognizers;

    @Activate
    public MjpegCameraFactory(@Reference RecognizerHolder recognizers) {
        this.recognizers = recognizers;
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new MjpegCameraHandler(context, recognizers);
    }
}
