package jp.kagi.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published openapi.yaml is a valid OpenAPI 3.1 document: parsed and validated by swagger-parser, with every
 * reference resolved, and not a single message. A YAML slip such as an unquoted comma in a flow mapping (which
 * splits a description into a second, unknown key) fails here instead of in a client generator.
 */
class OpenApiDocumentTest {

    static String document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is on the web module's class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(document(), null, options);
    }

    @Test
    void isAValidOpenApi31DocumentWithoutAnyMessage() {
        SwaggerParseResult result = parse();
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(),
                "swagger-parser's messages about openapi.yaml");
        assertNotNull(result.getOpenAPI(), "parsed");
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
    }
}
