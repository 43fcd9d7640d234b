package org.borderedge.camera.internal;

import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: Polls an HTTP snapshot URL and recognises plates in the gateway. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + HttpSnapshotCameraFactory.DRIVER)
public class HttpSnapshotCameraFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "http-snapshot-camera";

    private final RecognizerHolder recognizers;

    @Activate
    public HttpSnapshotCameraFactory(@Reference RecognizerHolder recognizers) {
        this.recognizers = recognizers;
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new SnapshotCameraHandler(context, recognizers);
    }
}
