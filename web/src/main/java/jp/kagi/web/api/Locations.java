package jp.kagi.web.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Builds the absolute {@code Location} of a 201/202 answer from the JAX-RS model itself: the request's base URI
 * (scheme, host, port and /api/v1 as the client reached them), the resource class's {@code @Path} and the target
 * method's {@code @Path} template. A hand-joined "/api/v1/..." string was resolved against the base once more and
 * gave /api/v1/api/v1/...; here the paths cannot drift from the resources that answer them.
 */
final class Locations {

    private Locations() {
    }

    /** The URI of {@code method} of {@code resource} with its template filled by {@code values} (encoded). */
    static URI of(UriInfo uriInfo, Class<?> resource, String method, Object... values) {
        return uriInfo.getBaseUriBuilder().path(resource).path(resource, method).build(values);
    }
}
