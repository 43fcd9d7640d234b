package org.borderedge.api.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as OpenApiServlet serves it: JSON with the required top-level fields, and
 * internally consistent (every reference resolves, every path parameter is declared, every operation
 * answers something and names known security schemes). Which routes it must cover is checked against
 * the running gateway by GatewayFeatureIT.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");

    static JsonNode doc;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream("openapi.json")) {
            assertNotNull(in, "openapi.json must sit beside OpenApiServlet, where the servlet loads it");
            doc = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void isAnOpenApi303DocumentWithTheRequiredFields() {
        assertEquals("3.0.3", doc.path("openapi").asText());
        assertFalse(doc.path("info").path("title").asText().isBlank(), "info.title");
        assertFalse(doc.path("info").path("version").asText().isBlank(), "info.version");
        assertTrue(doc.path("paths").isObject() && doc.path("paths").size() > 0, "paths");
        assertTrue(doc.path("components").path("securitySchemes").size() > 0, "security schemes");
        doc.path("paths").fieldNames().forEachRemaining(p -> assertTrue(p.startsWith("/"), "path " + p + " must start with /"));
    }

    @Test
    void everyReferenceResolvesInTheDocument() {
        List<String> broken = new ArrayList<>();
        collectRefs(doc, "#", broken);
        assertEquals(List.of(), broken, "$ref that point nowhere");
    }

    @Test
    void everyOperationDeclaresItsPathParametersAnswersAndKnownSecuritySchemes() {
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            Set<String> templated = new HashSet<>();
            Matcher m = TEMPLATE.matcher(path.getKey());
            while (m.find()) {
                templated.add(m.group(1));
            }
            Set<String> pathLevel = pathParameters(path.getValue().path("parameters"));
            int operations = 0;
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                Set<String> declared = new HashSet<>(pathLevel);
                declared.addAll(pathParameters(op.getValue().path("parameters")));
                if (!declared.equals(templated)) {
                    problems.add(where + ": path parameters " + declared + " but the template has " + templated);
                }
                JsonNode responses = op.getValue().path("responses");
                if (responses.size() == 0) {
                    problems.add(where + ": no responses");
                }
                responses.fieldNames().forEachRemaining(code -> {
                    if (!code.matches("[1-5][0-9][0-9]|default")) {
                        problems.add(where + ": response key " + code + " is no status code");
                    }
                });
                String id = op.getValue().path("operationId").asText();
                if (id.isEmpty() || !operationIds.add(id)) {
                    problems.add(where + ": operationId '" + id + "' missing or repeated");
                }
                if (!op.getValue().has("security")) {
                    problems.add(where + ": no security requirement (use [] for none)");
                }
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement.fieldNames().forEachRemaining(s -> {
                        if (!schemes.has(s)) {
                            problems.add(where + ": unknown security scheme " + s);
                        }
                    });
                }
            }
            if (operations == 0) {
                problems.add(path.getKey() + ": no operation");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Set<String> pathParameters(JsonNode parameters) {
        Set<String> names = new HashSet<>();
        for (JsonNode p : parameters) {
            JsonNode resolved = p.has("$ref") ? resolve(p.path("$ref").asText()) : p;
            if (resolved != null && "path".equals(resolved.path("in").asText())) {
                assertTrue(resolved.path("required").asBoolean(), "path parameter " + resolved.path("name") + " must be required");
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    private static void collectRefs(JsonNode node, String at, List<String> broken) {
        if (node.isObject()) {
            if (node.has("$ref") && resolve(node.path("$ref").asText()) == null) {
                broken.add(at + " -> " + node.path("$ref").asText());
            }
            node.fields().forEachRemaining(e -> collectRefs(e.getValue(), at + "/" + e.getKey(), broken));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), at + "/" + i, broken);
            }
        }
    }

    /** A local reference (#/a/b) resolved against the document, or null. */
    private static JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = doc.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }
}
