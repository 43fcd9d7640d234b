package org.borderedge.camera.internal;

import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: Reads an MJPEG stream and recognises plates in the gateway. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + MjpegCameraFactory.DRIVER)
public class MjpegCameraFactory extends RecognizingCameraFactory {

    public static final String DRIVER = "mjpeg-camera";

    @Activate
    public MjpegCameraFactory(@Reference RecognizerHolder recognizers) {
        super(DRIVER, recognizers, MjpegCameraHandler::new);
    }
}
