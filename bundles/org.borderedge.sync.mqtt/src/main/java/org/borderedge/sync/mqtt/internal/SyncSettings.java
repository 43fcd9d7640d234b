package org.borderedge.sync.mqtt.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Frozen settings of the MQTT link, validated once.
 *
 * @param maxInflight QoS 1 messages awaiting PUBACK; also Paho's window (its default 10 fails bursts)
 * @param ratePerSecond events per second the uplink may send; 0 for no limit
 * @param eventsPerMessage events batched into one uplink message (format v1 documents batches)
 * @param hmacKey shared key that authenticates downlink messages (HMAC-SHA256)
 * @param allowedCommands central commands this gateway accepts at all
 * @param maxCommandTtl a command whose expiry lies further than this after its issue time is refused
 */
public record SyncSettings(
        String brokerUrl,
        String clientId,
        String topicPrefix,
        String gatewayId,
        byte[] hmacKey,
        int maxInflight,
        int ratePerSecond,
        int eventsPerMessage,
        Duration reconnectMin,
        Duration reconnectMax,
        int keepAliveSeconds,
        Set<String> allowedCommands,
        Duration maxCommandTtl,
        Path tlsCaFile,
        Path tlsCertFile,
        Path tlsKeyFile,
        String username,
        String password) {

    public SyncSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        if (gatewayId == null || gatewayId.isBlank() || gatewayId.contains("/") || gatewayId.contains("+") || gatewayId.contains("#")) {
            throw new IllegalArgumentException("gateway id unusable in a topic: " + gatewayId);
        }
        if (hmacKey == null || hmacKey.length < 16) {
            throw new IllegalArgumentException("hmacKey must have at least 16 bytes");
        }
        if (maxInflight < 1 || maxInflight > 65535) {
            throw new IllegalArgumentException("maxInflight out of 1..65535: " + maxInflight);
        }
        if (eventsPerMessage < 1 || eventsPerMessage > 1000) {
            throw new IllegalArgumentException("eventsPerMessage out of 1..1000: " + eventsPerMessage);
        }
        clientId = clientId == null || clientId.isBlank() ? "borderedge-" + gatewayId : clientId;
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "borderedge" : topicPrefix;
        allowedCommands = Set.copyOf(allowedCommands);
    }

    /** Defaults for everything but broker, gateway and key. */
    public static SyncSettings of(String brokerUrl, String gatewayId, byte[] hmacKey) {
        return new SyncSettings(brokerUrl, null, "borderedge", gatewayId, hmacKey, 1000, 0, 100,
                Duration.ofMillis(500), Duration.ofSeconds(30), 30, Set.of("open-barrier", "resync"),
                Duration.ofMinutes(10), null, null, null, null, null);
    }

    public SyncSettings withReconnect(Duration min, Duration max) {
        return new SyncSettings(brokerUrl, clientId, topicPrefix, gatewayId, hmacKey, maxInflight, ratePerSecond,
                eventsPerMessage, min, max, keepAliveSeconds, allowedCommands, maxCommandTtl, tlsCaFile, tlsCertFile,
                tlsKeyFile, username, password);
    }

    public SyncSettings withRate(int eventsPerSecond, int perMessage, int inflight) {
        return new SyncSettings(brokerUrl, clientId, topicPrefix, gatewayId, hmacKey, inflight, eventsPerSecond,
                perMessage, reconnectMin, reconnectMax, keepAliveSeconds, allowedCommands, maxCommandTtl, tlsCaFile,
                tlsCertFile, tlsKeyFile, username, password);
    }

    public String topic(String leaf) {
        return topicPrefix + "/" + gatewayId + "/" + leaf;
    }
}
