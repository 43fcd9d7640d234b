package org.borderedge.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON Schema (draft 2020-12) compiled once and applied to documents; problems come back as
 * (JSON path, reason) pairs so callers can name the file, the field and the reason.
 */
public final class JsonSchemaCheck {

    /** One schema violation: where in the document, and why. */
    public record Violation(String path, String reason) {
    }

    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    public static JsonSchemaCheck fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    public static JsonSchemaCheck fromStream(InputStream in) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return new JsonSchemaCheck(registry.getSchema(in, InputFormat.JSON));
    }

    public List<Violation> check(JsonNode document) {
        List<Error> errors = schema.validate(document);
        return errors.stream()
                .map(e -> new Violation(pathOf(e), e.getMessage()))
                .distinct()
                .collect(Collectors.toList());
    }

    /** Renders the instance location as {@code $.devices[2].profile}, adding the missing property of a "required" error. */
    private static String pathOf(Error e) {
        StringBuilder path = new StringBuilder("$");
        NodePath location = e.getInstanceLocation();
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer) {
                path.append('[').append(element).append(']');
            } else {
                path.append('.').append(element);
            }
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            path.append('.').append(e.getProperty());
        }
        return path.toString();
    }
}
