package org.borderedge.camera.internal;

import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: Polls an HTTP snapshot URL and recognises plates in the gateway. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + HttpSnapshotCameraFactory.DRIVER)
public class HttpSnapshotCameraFactory extends RecognizingCameraFactory {

    public static final String DRIVER = "http-snapshot-camera";

    @Activate
    public HttpSnapshotCameraFactory(@Reference RecognizerHolder recognizers) {
        super(DRIVER, recognizers, SnapshotCameraHandler::new);
    }
}
