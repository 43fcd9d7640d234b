package org.borderedge.device;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

    private final ProfileLoader loader = new ProfileLoader();

    /** Every profile shipped in the repository must load; a new profile is checked here automatically. */
    @Test
    void everyShippedProfileIsValid() {
        Path root = Path.of("../../device-profiles");
        assertTrue(Files.isDirectory(root.resolve("schema")), "device-profiles/ not found from " + Path.of("").toAbsolutePath());
        ProfileLoader.Result r = loader.loadDirectory(root);
        assertEquals(List.of(), r.problems());
        for (DeviceProfile p : r.profiles()) {
            assertTrue(p.id().matches("[a-z-]+/[a-z0-9]+(-[a-z0-9.]+)+"), "profile id must be <kind>/<vendor>-<model>: " + p.id());
        }
    }

    @Test
    void brokenProfileNamesFilePathAndReason(@TempDir Path dir) throws Exception {
        write(dir, "scale/acme-good.yaml", "schemaVersion: 1\nkind: scale\nvendor: Acme\nmodel: good\ndriver: serial-scale\n");
        write(dir, "scale/acme-nodriver.yaml", "schemaVersion: 1\nkind: scale\nvendor: Acme\nmodel: nodriver\n");
        write(dir, "scale/acme-badkind.json", "{\"schemaVersion\":1,\"kind\":\"toaster\",\"vendor\":\"A\",\"model\":\"b\",\"driver\":\"x\"}");
        write(dir, "scale/acme-syntax.yaml", "schemaVersion: 1\nkind: [scale\n");
        write(dir, "barrier/acme-wrongfolder.yaml", "schemaVersion: 1\nkind: scale\nvendor: Acme\nmodel: w\ndriver: serial-scale\n");

        ProfileLoader.Result r = loader.loadDirectory(dir);

        assertEquals(List.of("scale/acme-good"), r.profiles().stream().map(DeviceProfile::id).toList(),
                "the good profile still loads beside the broken ones");
        List<String> problems = new ArrayList<>(r.problems().stream().map(ProfileProblem::toString).toList());
        assertTrue(has(problems, "acme-nodriver.yaml", "$.driver", "required"), problems.toString());
        assertTrue(has(problems, "acme-badkind.json", "$.kind", ""), problems.toString());
        assertTrue(has(problems, "acme-syntax.yaml", "$", "not valid YAML"), problems.toString());
        assertTrue(has(problems, "acme-wrongfolder.yaml", "$.kind", "does not match the folder"), problems.toString());
    }

    private static boolean has(List<String> problems, String file, String path, String reason) {
        return problems.stream().anyMatch(p -> p.contains(file + ": " + path + ":") && p.contains(reason));
    }

    private static void write(Path dir, String rel, String text) throws Exception {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }
}
