package org.borderedge.camera.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URL;

/**
 * HTTP access to a camera. HttpURLConnection is used rather than java.net.http because it answers
 * Digest challenges as well as Basic ones, and IP cameras (Hikvision snapshot URLs among them)
 * often insist on Digest.
 */
final class HttpSource {

    private final URL url;
    private final Authenticator authenticator;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    HttpSource(String endpoint, String user, String password, int connectTimeoutMs, int readTimeoutMs) {
        URI uri;
        try {
            uri = URI.create(endpoint);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
            }
            url = uri.toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a URL: " + e.getMessage());
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("put camera credentials in the options user/password, not in the endpoint URL");
        }
        this.authenticator = user.isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password.toCharArray());
            }
        };
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    URL url() {
        return url;
    }

    HttpURLConnection open() throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        if (authenticator != null) {
            c.setAuthenticator(authenticator);
        }
        c.setConnectTimeout(connectTimeoutMs);
        c.setReadTimeout(readTimeoutMs);
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        return c;
    }

    /** Reads at most {@code limit} bytes; more is an error, so one huge reply cannot exhaust memory. */
    static byte[] readBounded(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 256 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > limit) {
                throw new IOException("reply larger than " + limit + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
