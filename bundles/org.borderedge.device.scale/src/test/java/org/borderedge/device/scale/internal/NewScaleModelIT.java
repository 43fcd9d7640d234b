package org.borderedge.device.scale.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.borderedge.core.ScaleState;
import org.borderedge.core.Ticker;
import org.borderedge.core.WeighingResult;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceState;
import org.borderedge.device.Observation;
import org.borderedge.device.ProfileLoader;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.testing.SocatPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scale model nobody coded for, added by a profile file alone: an invented indicator printing
 * {@code =W: 025340 KG;S*} lines (status S stable / M moving / O overload), read
 * over a real pty pair through the serial-scale driver.
 */
class NewScaleModelIT {

    private static final String PROFILE = String.join("\n",
            "schemaVersion: 1",
            "kind: scale",
            "vendor: acme",
            "model: tw-900",
            "driver: serial-scale",
            "transport: { type: serial, baudRate: 4800 }",
            "frame: { mode: delimiter, start: '=', end: \"*\", maxLength: 40 }",
            "weight:",
            "  pattern: 'W:\\s*(?<value>[0-9]{1,6}) (?<unit>KG|LB);(?<status>[SMO])'",
            "  codes:",
            "    status: { S: stable, M: motion, O: overload }",
            "defaults: { stableReadings: 2, stableWindowMs: 0, toleranceKg: 10 }",
            "");

    @Test
    void aProfileFileAloneTeachesTheDriverANewIndicator(@TempDir Path dir) throws Exception {
        Path profiles = dir.resolve("profiles");
        Files.createDirectories(profiles.resolve("scale"));
        Files.writeString(profiles.resolve("scale/acme-tw-900.yaml"), PROFILE);
        ProfileLoader.Result loaded = new ProfileLoader().loadDirectory(profiles);
        assertEquals(List.of(), loaded.problems());
        DeviceProfile profile = loaded.profiles().get(0);
        assertEquals("scale/acme-tw-900", profile.id());

        try (SocatPair pair = new SocatPair(dir.resolve("gw"), dir.resolve("indicator")).start()) {
            RecordingDevice ctx = new RecordingDevice(profile, "serial://" + pair.a, Map.of("stableReadings", 2,
                    "stableWindowMs", 0, "toleranceKg", 10, "reconnectMaxMs", 200));
            ScaleHandler handler = new ScaleHandler(ctx, Ticker.system());
            handler.initialize();
            try (OutputStream indicator = Files.newOutputStream(pair.b)) {
                send(indicator, "=W: 001250 KG;M*=W: 009990 KG;M*=W: 025340 KG;O*=W: 025340 KG;S*=W: 025340 KG;S*=W: 025340 KG;S*");
                WeighingResult motion = ((Observation.WeightObserved) ctx.await(o -> o instanceof Observation.WeightObserved, 5)).result();
                assertEquals(ScaleState.MOTION, motion.state());
                WeighingResult stable = ((Observation.WeightObserved) ctx.await(o -> o instanceof Observation.WeightObserved w
                        && w.result().isStable(), 5)).result();
                assertEquals(0, new BigDecimal("25340").compareTo(stable.value()), stable.toString());
                assertEquals(List.of(ScaleState.MOTION, ScaleState.OVERLOAD, ScaleState.STABLE), ctx.weighingStates(),
                        "motion, then the overload state, then the weight");
                assertEquals(DeviceState.ONLINE, ctx.status().state());
            } finally {
                handler.dispose();
            }
        }
    }

    private static void send(OutputStream out, String s) throws Exception {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
