package org.borderedge.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets of one demo data dir, generated on first start and kept in DIR/demo-credentials.json
 * (owner-readable only): the central's pull token, the first administrator, and the key the
 * simulated central signs reference data and commands with. Nothing here is fixed in code.
 */
public record DemoCredentials(String pullToken, String adminUser, String adminPassword, String centralHmacKey) {

    public static final String FILE = "demo-credentials.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static DemoCredentials loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            DemoCredentials c = JSON.readValue(file.toFile(), DemoCredentials.class);
            if (c.pullToken() != null && c.adminUser() != null && c.adminPassword() != null && c.centralHmacKey() != null) {
                return c;
            }
        }
        DemoCredentials c = new DemoCredentials(token(32), "admin-" + HexFormat.of().formatHex(bytes(2)), token(18), token(32));
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), c);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return c;
    }

    private static String token(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
