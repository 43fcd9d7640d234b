package org.borderedge.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTPS identity for the LAN: a self-signed ECDSA P-256 certificate in a PKCS#12 keystore
 * under DATA/console/tls, generated once with the JDK's keytool (the JDK has no public API to
 * sign a certificate) and reused afterwards. A site may instead configure its own keystore.
 */
final class TlsKeystore {

    record Keystore(Path file, String password) {
    }

    private TlsKeystore() {
    }

    static Keystore ensure(Path dir, String hostName) throws IOException {
        Path file = dir.resolve("console-keystore.p12");
        Path passFile = dir.resolve("console-keystore.password");
        if (Files.exists(file) && Files.exists(passFile)) {
            return new Keystore(file, Files.readString(passFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(dir);
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        // Made under a temporary name and moved last: whoever sees the keystore also finds its password.
        Path tmp = dir.resolve("console-keystore.p12.tmp");
        Files.deleteIfExists(tmp);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String san = "dns:localhost,ip:127.0.0.1" + (hostName == null || hostName.isBlank() ? "" : ",dns:" + hostName);
        ProcessBuilder pb = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "borderedge-console",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=" + (hostName == null || hostName.isBlank() ? "borderedge-gateway" : hostName) + ", O=BorderEdge",
                "-ext", "san=" + san, "-storetype", "PKCS12", "-keystore", tmp.toString(),
                "-storepass", password, "-keypass", password, "-noprompt"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output;
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while generating the console keystore", e);
        }
        if (p.exitValue() != 0 || !Files.exists(tmp)) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): " + output.strip());
        }
        UserStore.ownerOnly(tmp);
        Files.writeString(passFile, password, StandardCharsets.UTF_8);
        UserStore.ownerOnly(passFile);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Keystore(file, password);
    }
}
