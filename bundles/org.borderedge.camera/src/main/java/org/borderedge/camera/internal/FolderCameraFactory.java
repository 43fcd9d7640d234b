package org.borderedge.camera.internal;

import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: Recognises plates in pictures cameras drop into a folder. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + FolderCameraFactory.DRIVER)
public class FolderCameraFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "folder-camera";

    private final RecognizerHolder recognizers;

    @Activate
    public FolderCameraFactory(@Reference RecognizerHolder recognizers) {
        this.recognizers = recognizers;
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new FolderCameraHandler(context, recognizers);
    }
}
