package org.borderedge.evidence.internal;

/**
 * The central's pull token, read from the HTTP API's configuration (pid org.borderedge.api.http,
 * described there): a component property type, so this bundle declares no second metatype for it.
 */
public @interface PullTokenConfig {

    String pullToken() default "";
}
