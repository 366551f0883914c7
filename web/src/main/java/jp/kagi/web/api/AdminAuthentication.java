package jp.kagi.web.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminService;

/**
 * HTTP Basic sign-in of back-office users for every API call except the OpenAPI document. A failure answers 401
 * problem+json with a Basic challenge, and never says whether the user ID or the password was wrong.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthentication implements ContainerRequestFilter {

    static final String PRINCIPAL = "kagi.admin";

    @Inject
    AdminService admins;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("openapi.yaml") || path.equals("/openapi.yaml")) {
            return;
        }
        Optional<AdminPrincipal> principal = credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(c -> admins.authenticate(c[0], c[1]));
        if (principal.isEmpty()) {
            request.abortWith(Response.fromResponse(Problems.of(request.getAcceptableLanguages(), 401, "error.unauthenticated", List.of()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Kagi\", charset=\"UTF-8\"").build());
            return;
        }
        if (principal.get().mustChangePassword() && !changesOwnPassword(request, principal.get().userId())) {
            // A password someone else chose (generated at bootstrap, or a CA admin's reset): nothing else until then.
            request.abortWith(Problems.of(request.getAcceptableLanguages(), 403, "error.passwordChangeRequired",
                    List.of(principal.get().userId())));
            return;
        }
        request.setProperty(PRINCIPAL, principal.get());
        request.setProperty("kagi.address", servletRequest == null ? null : servletRequest.getRemoteAddr());
    }

    private static boolean changesOwnPassword(ContainerRequestContext request, String userId) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        return "POST".equals(request.getMethod()) && path.equals("admins/" + userId + "/password");
    }

    private static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 1 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
