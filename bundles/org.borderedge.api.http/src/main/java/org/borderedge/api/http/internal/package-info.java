/** Servlets of the REST API; nothing here is exported. */
package org.borderedge.api.http.internal;
