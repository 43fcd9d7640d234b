package org.borderedge.api.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BorderEdge HTTP API", description = "REST API of the gateway")
public @interface PullApiConfig {

    @AttributeDefinition(description = "Bearer token of the central's read-only pull API; empty refuses every pull",
            type = AttributeType.PASSWORD)
    String pullToken() default "";

    @AttributeDefinition(description = "Pulls are audited per token and journalled as one AUDIT event per window of this many seconds")
    long auditWindowSeconds() default 300;
}
