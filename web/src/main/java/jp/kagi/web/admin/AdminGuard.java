package jp.kagi.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Back-office pages for signed-in CA staff only, never cached; the sign-in page stays public. */
@WebFilter("/admin/*")
public class AdminGuard extends HttpFilter {

    @Inject
    AdminSession session;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        boolean isPublic = path.equals("/admin/login.xhtml");
        if (!isPublic && (request.getSession(false) == null || !session.isSignedIn())) {
            response.sendRedirect(request.getContextPath() + "/admin/login.xhtml");
            return;
        }
        chain.doFilter(request, response);
    }
}
