package org.borderedge.camera.internal;

import java.util.Map;

/**
 * One received push, independent of the servlet container: the TCP peer address, the method and
 * request URI (Digest signs them), the Authorization header (null if none), the event XML and
 * pictures by part name, or the reason the body could not be read.
 */
record PushRequest(String remoteAddress, String method, String requestUri, String authorization, byte[] xml,
        Map<String, byte[]> pictures, String bodyProblem) {

    PushRequest {
        pictures = pictures == null ? Map.of() : Map.copyOf(pictures);
    }
}
