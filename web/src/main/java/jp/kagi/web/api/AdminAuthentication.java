package jp.kagi.web.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.SignInChannel;
import jp.kagi.admin.SignInOutcome;
import jp.kagi.admin.StaffSignIn;
import jp.kagi.platform.ClientAddress;

/**
 * Signs back-office users in on every API call except the OpenAPI document: HTTP Basic or an API token
 * ({@code Authorization: Bearer kagi_...}), both through {@link StaffSignIn} (throttled, audited). A failure answers
 * 401 problem+json and never says whether the user ID or the password was wrong; too many failures answer 429 with
 * Retry-After. No {@code WWW-Authenticate: Basic} challenge is ever sent: a browser would otherwise show its login
 * box and then attach the typed credentials to every later request to this server, including ones forged by other
 * sites (CSRF). API clients send their credentials preemptively (curl -u does).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthentication implements ContainerRequestFilter {

    static final String PRINCIPAL = "kagi.admin";
    static final String ADDRESS = "kagi.address";

    @Inject
    StaffSignIn signIn;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("openapi.yaml") || path.equals("/openapi.yaml")) {
            return;
        }
        String address = servletRequest == null ? null
                : clientAddress.of(servletRequest.getRemoteAddr(), request.getHeaders().get("X-Forwarded-For"));
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        SignInOutcome outcome;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            outcome = signIn.withToken(header.substring(7).strip(), address);
        } else {
            Optional<String[]> credentials = credentials(header);
            outcome = credentials.isEmpty() ? null
                    : signIn.withPassword(SignInChannel.BASIC, credentials.get()[0], credentials.get()[1], address);
        }
        if (outcome != null && outcome.isThrottled()) {
            long seconds = outcome.retryAfterSeconds();
            request.abortWith(Response.fromResponse(Problems.of(request.getAcceptableLanguages(), 429,
                    "error.tooManyAttempts", List.of(seconds))).header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        if (outcome == null || outcome.principal().isEmpty()) {
            request.abortWith(Problems.of(request.getAcceptableLanguages(), 401, "error.unauthenticated", List.of()));
            return;
        }
        AdminPrincipal principal = outcome.principal().get();
        if (principal.mustChangePassword() && !changesOwnPassword(request, principal.userId())) {
            // A password someone else chose (generated at bootstrap, or a CA admin's reset): nothing else until then.
            request.abortWith(Problems.of(request.getAcceptableLanguages(), 403, "error.passwordChangeRequired",
                    List.of(principal.userId())));
            return;
        }
        request.setProperty(PRINCIPAL, principal);
        request.setProperty(ADDRESS, address);
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
