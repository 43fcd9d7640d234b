package org.borderedge.seal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BorderEdge e-seal inventory", description = "Lifecycle of the GPS e-seals this gateway handles")
public @interface SealConfig {

    @AttributeDefinition(description = "Inventory file; empty means ${borderedge.data.dir}/seals.db")
    String databasePath() default "";

    @AttributeDefinition(description = "A seal reporting less battery than this (percent) is flagged FAULTY for repair")
    int lowBatteryPct() default 20;
}
