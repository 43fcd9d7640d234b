package org.borderedge.camera.internal;

import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: smart cameras that read plates themselves and push events to {@link IsapiPushServlet}. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + IsapiPushCameraFactory.DRIVER)
public class IsapiPushCameraFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "isapi-push-camera";

    private final PushRouter router;

    @Activate
    public IsapiPushCameraFactory(@Reference PushRouter router) {
        this.router = router;
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new IsapiPushCameraHandler(context, router);
    }
}
