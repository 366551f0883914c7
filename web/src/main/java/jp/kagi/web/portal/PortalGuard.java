package jp.kagi.web.portal;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Keeps private portal pages for signed-in users and out of every cache, so that the back button after ログアウト
 * shows nothing private; the login, ログアウト完了, help and expired pages stay public.
 */
@WebFilter("/portal/*")
public class PortalGuard extends HttpFilter {

    private static final Set<String> PUBLIC = Set.of("/portal/login.xhtml", "/portal/loggedout.xhtml",
            "/portal/help.xhtml", "/portal/expired.xhtml", "/portal/", "/portal/index.xhtml");

    @Inject
    PortalSession session;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        boolean isPublic = PUBLIC.contains(path) || path.startsWith("/portal/jakarta.faces.resource/");
        if (!isPublic && (request.getSession(false) == null || !session.isSignedIn())) {
            response.sendRedirect(request.getContextPath() + "/portal/login.xhtml");
            return;
        }
        chain.doFilter(request, response);
    }
}
