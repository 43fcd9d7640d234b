package org.borderedge.sync.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "BorderEdge MQTT sync", description = "Uplink of the outbox and downlink of reference data and commands")
public @interface SyncConfig {

    @AttributeDefinition(description = "tcp://host:1883 or ssl://host:8883")
    String brokerUrl();

    @AttributeDefinition(description = "MQTT client id; empty means borderedge-<gateway id>", required = false)
    String clientId() default "";

    @AttributeDefinition(description = "First topic level", required = false)
    String topicPrefix() default "borderedge";

    @AttributeDefinition(description = "Shared key authenticating downlink messages (HMAC-SHA256), at least 16 characters", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String hmacKey();

    @AttributeDefinition(description = "QoS 1 messages awaiting acknowledgement (Paho's default 10 fails bursts)", required = false)
    int maxInflight() default 1000;

    @AttributeDefinition(description = "Events per second the uplink may send; 0 = no limit", required = false)
    int ratePerSecond() default 0;

    @AttributeDefinition(description = "Events batched into one uplink message", required = false)
    int eventsPerMessage() default 100;

    @AttributeDefinition(description = "First reconnect delay (ms); doubles per attempt, with jitter", required = false)
    int reconnectMinMs() default 500;

    @AttributeDefinition(description = "Longest reconnect delay (ms)", required = false)
    int reconnectMaxMs() default 30000;

    @AttributeDefinition(required = false)
    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "Central commands accepted at all", required = false)
    String[] allowedCommands() default {"open-barrier", "resync"};

    @AttributeDefinition(description = "Longest command lifetime (expiresAt - issuedAt) accepted, seconds", required = false)
    int maxCommandTtlSeconds() default 600;

    @AttributeDefinition(description = "PEM CA bundle; set to use TLS", required = false)
    String tlsCaFile() default "";

    @AttributeDefinition(description = "PEM client certificate (mutual TLS)", required = false)
    String tlsCertFile() default "";

    @AttributeDefinition(description = "PKCS#8 PEM client key (mutual TLS)", required = false)
    String tlsKeyFile() default "";

    @AttributeDefinition(required = false)
    String username() default "";

    @AttributeDefinition(required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Reference data file; empty means ${borderedge.data.dir}/reference.db", required = false)
    String referenceDatabasePath() default "";
}
