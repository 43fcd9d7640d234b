/** Camera drivers and the push receiver; nothing here is API. */
package org.borderedge.camera.internal;
