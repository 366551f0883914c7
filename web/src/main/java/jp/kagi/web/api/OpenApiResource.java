package jp.kagi.web.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Publishes the API's OpenAPI 3.1 document, without sign-in, so that clients can be generated from it. */
@Path("openapi.yaml")
public class OpenApiResource {

    @GET
    @Produces("application/yaml")
    public byte[] document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the web module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
