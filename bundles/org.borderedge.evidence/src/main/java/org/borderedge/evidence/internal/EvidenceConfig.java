package org.borderedge.evidence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BorderEdge evidence media", description = "Local store of the evidence behind lane decisions")
public @interface EvidenceConfig {

    @AttributeDefinition(description = "Folder of the store; empty means ${borderedge.data.dir}/evidence")
    String directory() default "";

    @AttributeDefinition(description = "Disk quota in MB; released, synced evidence is evicted first, held evidence never before it is synced")
    long quotaMb() default 2048;

    @AttributeDefinition(description = "Largest single item in MB (a container scan image)")
    long maxItemMb() default 256;

    @AttributeDefinition(description = "Seconds between journal checks besides the append notifications")
    int pollSeconds() default 5;

    @AttributeDefinition(description = "Central URL items are pushed to (PUT <url>/<evidenceId>); empty: pull only")
    String pushUrl() default "";

    @AttributeDefinition(description = "Bearer token for the push", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String pushToken() default "";

    @AttributeDefinition(description = "Only items up to this size (KB) are pushed; larger ones (scans) are pulled")
    long pushMaxKb() default 512;
}
