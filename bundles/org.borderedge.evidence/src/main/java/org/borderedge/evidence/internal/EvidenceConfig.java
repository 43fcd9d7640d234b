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
}
