package org.borderedge.device.reader.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pre-declaration QR code. Format {@code BEQR1|DECL=<declaration id>|PLATE=<plate>|CONT=<container>}:
 * a version tag, then KEY=VALUE fields separated by '|', in any order; DECL is required, the others
 * optional, unknown keys ignored (room for later versions). A payload without the tag that matches the
 * profile's declaration pattern is a plain declaration id (printed slips, 1D barcodes). Anything else is
 * still reported, with no declaration id, so the lane can tell a foreign code from nothing presented.
 */
record QrPayload(String payload, String declarationId, String plate, String container) {

    static final String TAG = "BEQR1";
    private static final Pattern DECLARATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/-]{0,39}");

    static QrPayload parse(String text, Pattern plainDeclaration, int maxPayload) throws Rejected {
        if (text.length() > maxPayload) {
            throw new Rejected("oversize", "payload of " + text.length() + " characters, at most " + maxPayload);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\uFFFD') {
                throw new Rejected("garbage", String.format("payload has control or undecodable character U+%04X at %d", (int) c, i));
            }
        }
        if (text.startsWith(TAG + "|") || text.equals(TAG)) {
            Map<String, String> fields = new LinkedHashMap<>();
            String[] parts = text.split("\\|", -1);
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) {
                    throw new Rejected("unparsed", "field " + i + " '" + parts[i] + "' is not KEY=VALUE");
                }
                fields.put(parts[i].substring(0, eq).strip().toUpperCase(), parts[i].substring(eq + 1).strip());
            }
            String decl = fields.getOrDefault("DECL", "");
            if (!DECLARATION_ID.matcher(decl).matches()) {
                throw new Rejected("unparsed", decl.isEmpty() ? TAG + " code without DECL" : "DECL '" + decl + "' is not a declaration id");
            }
            return new QrPayload(text, decl, fields.getOrDefault("PLATE", ""), fields.getOrDefault("CONT", ""));
        }
        if (plainDeclaration != null && plainDeclaration.matcher(text).matches()) {
            return new QrPayload(text, text, "", "");
        }
        return new QrPayload(text, "", "", "");
    }
}
