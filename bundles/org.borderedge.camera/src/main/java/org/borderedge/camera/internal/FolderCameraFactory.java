package org.borderedge.camera.internal;

import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: Recognises plates in pictures cameras drop into a folder. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + FolderCameraFactory.DRIVER)
public class FolderCameraFactory extends RecognizingCameraFactory {

    public static final String DRIVER = "folder-camera";

    @Activate
    public FolderCameraFactory(@Reference RecognizerHolder recognizers) {
        super(DRIVER, recognizers, FolderCameraHandler::new);
    }
}
