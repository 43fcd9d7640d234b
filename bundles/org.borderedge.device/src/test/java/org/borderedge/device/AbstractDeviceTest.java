package org.borderedge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AbstractDeviceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final DeviceProfile PROFILE = new DeviceProfile("scale/acme-tw", "scale", "acme", "tw", "serial-scale", "test",
            Map.of("defaults", Map.of("pollMs", 250, "stableReadings", 5)));

    private static final class Plain extends AbstractDevice {
        final List<Object> failures = new ArrayList<>();

        Plain(Map<String, ?> siteOptions) {
            super(Clock.fixed(T0, ZoneOffset.UTC), "S1", "L1", "serial:///dev/ttyS1", PROFILE, siteOptions);
        }

        @Override
        protected void listenerFailed(Object event, RuntimeException e) {
            failures.add(event);
        }

        @Override
        public CompletionStage<CommandResult> execute(DeviceCommand command) {
            return CompletableFuture.completedFuture(CommandResult.ok());
        }
    }

    @Test
    void aRepeatedReportIsNotNewsButAChangedReasonIs() {
        Plain device = new Plain(Map.of());
        List<DeviceStatus> heard = new ArrayList<>();
        device.addListener(new DeviceListener() {
            @Override
            public void onObservation(Device source, Observation observation) {
            }

            @Override
            public void onStatus(Device source, DeviceStatus status) {
                heard.add(status);
            }
        });
        device.offline("starting");
        device.online();
        device.online();
        device.offline("no reply");
        device.offline("no reply");
        device.offline("port closed");
        assertEquals(List.of("ONLINE:", "OFFLINE:no reply", "OFFLINE:port closed"),
                heard.stream().map(s -> s.state() + ":" + s.reason()).toList());
        assertEquals("port closed", device.status().reason());
    }

    @Test
    void aThrowingListenerNeverReachesTheDriverNorStopsTheOthers() {
        Plain device = new Plain(Map.of());
        List<Observation> seen = new ArrayList<>();
        device.addListener((source, o) -> {
            throw new IllegalStateException("broken lane");
        });
        device.addListener((source, o) -> seen.add(o));
        Observation loop = new Observation.LoopChanged(Observation.Loop.PRESENCE, true, T0);
        assertNull(device.lastSeen());
        device.observe(loop);
        assertEquals(List.of(loop), seen);
        assertEquals(List.of(loop), device.failures);
        assertEquals(T0, device.lastSeen());
    }

    @Test
    void siteOptionsOverrideTheProfileDefaultsAndCountersAddUp() {
        Plain device = new Plain(Map.of("pollMs", 100));
        assertEquals(Map.of("pollMs", 100, "stableReadings", 5), device.options());
        assertEquals("S1", device.deviceId());
        assertEquals("scale", device.kind());
        assertEquals("scale/acme-tw", device.profileId());
        device.count("frames");
        device.count("frames", 2);
        assertEquals(3, device.counter("frames"));
        assertEquals(0, device.counter("timeouts"));
        assertEquals(Map.of("frames", 3L), device.counters());
    }
}
