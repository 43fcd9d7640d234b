package org.borderedge.device.barrier;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.borderedge.device.ProfileLoader;
import org.borderedge.device.ProfileProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The barrier $defs of device-profile.schema.json refuse relay-board profiles a driver could not use. */
class BarrierProfileSchemaTest {

    private static final String GOOD = """
            schemaVersion: 1
            kind: barrier
            vendor: acme
            model: relay4
            driver: modbus-relay-barrier
            transport: { type: modbus-tcp }
            relays: { write: coil, firstAddress: 0, count: 4, onValue: 65280, offValue: 0 }
            inputs: { read: discrete-inputs, firstAddress: 0, count: 4 }
            defaults: { pollMs: 100, pulseMs: 500, openRelay: 1, closeRelay: 2, stopRelay: 3, safetyLoopInput: 4 }
            """;

    @Test
    void schemaRefusesBrokenRelayBoards(@TempDir Path dir) throws Exception {
        write(dir, "barrier/acme-relay4.yaml", GOOD);
        write(dir, "barrier/acme-noinputs.yaml", GOOD.replace("inputs: { read: discrete-inputs, firstAddress: 0, count: 4 }\n", "")
                .replace("model: relay4", "model: noinputs"));
        write(dir, "barrier/acme-fc16.yaml", GOOD.replace("write: coil", "write: coils-fc15").replace("model: relay4", "model: fc16"));
        write(dir, "barrier/acme-serial.yaml", GOOD.replace("type: modbus-tcp", "type: serial").replace("model: relay4", "model: serial"));
        write(dir, "barrier/acme-relay0.yaml", GOOD.replace("openRelay: 1", "openRelay: 0").replace("model: relay4", "model: relay0"));
        write(dir, "barrier/acme-typo.yaml", GOOD.replace("firstAddress: 0, count: 4, onValue", "firstAdress: 0, count: 4, onValue")
                .replace("model: relay4", "model: typo"));
        write(dir, "barrier/other-driver.yaml", """
                schemaVersion: 1
                kind: barrier
                vendor: other
                model: driver
                driver: http-barrier
                """);

        ProfileLoader.Result r = new ProfileLoader().loadDirectory(dir);
        List<String> loaded = r.profiles().stream().map(p -> p.id()).sorted().toList();
        assertEquals(List.of("barrier/acme-relay4", "barrier/other-driver"), loaded,
                "a good board and a barrier of another driver load; the broken boards do not: " + r.problems());
        assertProblem(r, "acme-noinputs.yaml", "$.inputs");
        assertProblem(r, "acme-fc16.yaml", "$.relays.write");
        assertProblem(r, "acme-serial.yaml", "$.transport.type");
        assertProblem(r, "acme-relay0.yaml", "$.defaults.openRelay");
        assertProblem(r, "acme-typo.yaml", "$.relays");
    }

    private static void assertProblem(ProfileLoader.Result r, String file, String path) {
        assertTrue(r.problems().stream().map(ProfileProblem::toString).anyMatch(p -> p.contains(file + ": " + path)),
                file + " " + path + " not among " + r.problems());
    }

    private static void write(Path dir, String rel, String text) throws Exception {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
