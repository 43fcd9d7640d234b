package org.borderedge.sim.camera;

/**
 * Draws what the camera sees: an encoded JPEG of a vehicle carrying {@code plate} (display form,
 * e.g. {@code 51F-678.90}), or of the empty lane when {@code plate} is null. The same plate and
 * seed give the same image. The emulator uses {@link SimplePlateScenes} unless given another source.
 */
@FunctionalInterface
public interface SceneSource {

    byte[] render(String plate, long seed);
}
