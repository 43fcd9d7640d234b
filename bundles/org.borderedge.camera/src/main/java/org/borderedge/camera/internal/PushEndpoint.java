package org.borderedge.camera.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/** A push camera as the router sees it: where it pushes from, how it proves itself, where its events go. */
interface PushEndpoint {

    String deviceId();

    /** Addresses the camera's pushes come from; a push from any other address is never its. */
    Set<InetAddress> sourceAddresses();

    /** The camera channel this device stands for; 0 accepts every channel. */
    int channel();

    /** What a push must prove to be this camera's. */
    PushCredentials credentials();

    /** An authenticated event for this device. */
    void accept(IsapiAlert alert, Map<String, byte[]> pictures);

    /** A push from this camera's address that was refused; the device counts and reports it. */
    void refused(String reason);

    /** An authenticated push that could not be understood. */
    void malformed(String reason);
}
