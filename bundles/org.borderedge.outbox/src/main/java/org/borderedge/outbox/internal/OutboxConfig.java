package org.borderedge.outbox.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BorderEdge outbox",
        description = "Durable event journal (SQLite)")
public @interface OutboxConfig {

    @AttributeDefinition(description = "Journal file; empty means ${borderedge.data.dir}/outbox.db")
    String databasePath() default "";

    @AttributeDefinition(description = "Disk quota in MiB; when reached TELEMETRY is evicted oldest first, CRITICAL never")
    long quotaMb() default 2048;

    @AttributeDefinition(description = "Days delivered events stay for the pull API and audit")
    int retentionDays() default 7;

    @AttributeDefinition(description = "Most appends one group commit takes")
    int maxBatch() default 2000;

    @AttributeDefinition(description = "Seconds between retention purge, vacuum and WAL checkpoint")
    int maintenanceSeconds() default 60;
}
