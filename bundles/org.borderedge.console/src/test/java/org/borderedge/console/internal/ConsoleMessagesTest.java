package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console speaks English and Vietnamese: both files hold every key the pages and scripts use. */
class ConsoleMessagesTest {

    private static final Pattern MARKUP_KEY = Pattern.compile("data-i18n(?:-placeholder|-title)?=\"([^\"]+)\"");
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\('([a-zA-Z0-9.\\-]+)'");

    @Test
    void englishAndVietnameseHaveTheSameKeysAndNoEmptyText() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> vi = messages("vi");
        assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(vi.keySet()));
        for (Map.Entry<String, String> e : vi.entrySet()) {
            assertTrue(!e.getValue().isBlank(), "empty Vietnamese text for " + e.getKey());
        }
    }

    @Test
    void everyKeyThePagesAndScriptsUseIsTranslated() throws IOException {
        Set<String> known = messages("en").keySet();
        Set<String> missing = new TreeSet<>();
        for (String page : new String[] {"index.html", "agency-tokens.html"}) {
            collect(MARKUP_KEY, text(page), known, missing);
        }
        for (String script : new String[] {"app.js", "agency-tokens.js"}) {
            collect(SCRIPT_KEY, text(script), known, missing);
        }
        assertTrue(missing.isEmpty(), "keys without text: " + missing);
    }

    private static void collect(Pattern p, String text, Set<String> known, Set<String> missing) {
        Matcher m = p.matcher(text);
        int found = 0;
        while (m.find()) {
            found++;
            String key = m.group(1);
            // t('state.' + s) builds the key: at least one key of that family must exist
            boolean present = key.endsWith(".") ? known.stream().anyMatch(k -> k.startsWith(key)) : known.contains(key);
            if (!present) {
                missing.add(key);
            }
        }
        assertTrue(found > 0, "no translated text found by " + p);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> messages(String lang) throws IOException {
        return new ObjectMapper().readValue(text("i18n/messages_" + lang + ".json"), Map.class);
    }

    private static String text(String name) throws IOException {
        try (InputStream in = ConsoleMessagesTest.class.getResourceAsStream("/console/static/" + name)) {
            assertTrue(in != null, "missing /console/static/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
