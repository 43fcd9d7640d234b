package org.borderedge.anpr;

/** Reads plates and container numbers from one image; registered as a service by the anpr bundle. */
@org.osgi.annotation.versioning.ProviderType
public interface PlateRecognizer {

    /**
     * @param encodedImage a JPEG or PNG (a full scene or a tight plate crop)
     * @return what was read; empty lists when nothing was found; never throws on a bad image
     *         (an undecodable image gives an empty result with a reason)
     */
    Recognition recognize(byte[] encodedImage);
}
