package jp.kagi.web.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.kagi.platform.Settings;

/**
 * Keeps browsers from riding API credentials (CSRF), before any sign-in is tried: a request a browser marks as
 * coming from another site ({@code Sec-Fetch-Site} other than same-origin or none, or an {@code Origin} that is
 * neither this request's own origin nor KAGI_BASE_URL's) is refused with 403, and a write must carry {@code Content-Type: application/json} (or
 * {@code text/csv} for CSV uploads), which an HTML form cannot send and a cross-site script cannot send without a
 * CORS preflight this server never grants. API clients (curl, scripts) send neither header and are unaffected.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteGuard implements ContainerRequestFilter {

    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);
    private static final Set<String> FETCH_SITES_ALLOWED = Set.of("same-origin", "none");

    @Inject
    Settings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null && !FETCH_SITES_ALLOWED.contains(site.strip().toLowerCase(Locale.ROOT))) {
            refuse(request, 403, "error.crossSite");
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request.getUriInfo().getRequestUri())
                && !sameOrigin(origin, URI.create(settings.baseUrl()))) {
            refuse(request, 403, "error.crossSite");
            return;
        }
        if (WRITES.contains(request.getMethod()) && hasBody(request) && !acceptedType(request.getMediaType())) {
            refuse(request, 415, "error.contentType");
        }
    }

    static boolean sameOrigin(String origin, URI self) {
        try {
            URI o = URI.create(origin.strip());
            return o.getScheme() != null && o.getHost() != null && self.getScheme().equalsIgnoreCase(o.getScheme())
                    && self.getHost().equalsIgnoreCase(o.getHost()) && port(o) == port(self);
        } catch (IllegalArgumentException e) {
            return false; // "null" (sandboxed or privacy-sensitive contexts) or garbage: not this server
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null
                || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null;
    }

    private static boolean acceptedType(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                && !type.isWildcardType() && !type.isWildcardSubtype()
                || "text".equals(type.getType()) && "csv".equals(type.getSubtype()));
    }

    private static void refuse(ContainerRequestContext request, int status, String key) {
        request.abortWith(Problems.of(request.getAcceptableLanguages(), status, key, List.of()));
    }
}
