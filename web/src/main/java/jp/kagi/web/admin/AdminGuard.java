package jp.kagi.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import jp.kagi.admin.AdminService;
import jp.kagi.admin.StaffSession;

/**
 * Back-office pages for signed-in CA staff only, never cached; the sign-in page stays public. Each request re-reads
 * the user: a disabled user or a session signed in with a since-changed password is signed out, a changed role or
 * customer list applies at once, and a password someone else chose must be changed before any other page.
 */
@WebFilter("/admin/*")
public class AdminGuard extends HttpFilter {

    static final String PASSWORD_PAGE = "/admin/password.xhtml";

    @Inject
    AdminSession session;

    @Inject
    AdminService admins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        boolean isPublic = path.equals("/admin/login.xhtml");
        if (isPublic) {
            chain.doFilter(request, response);
            return;
        }
        var httpSession = request.getSession(false);
        Optional<StaffSession> now = httpSession == null || !session.isSignedIn() ? Optional.empty()
                : admins.current(session.staffSession());
        if (now.isEmpty()) {
            if (httpSession != null && session.isSignedIn()) {
                httpSession.invalidate(); // disabled, or the password changed elsewhere: this session ends here
            }
            response.sendRedirect(request.getContextPath() + "/admin/login.xhtml");
            return;
        }
        session.refreshed(now.get());
        if (now.get().principal().mustChangePassword() && !path.equals(PASSWORD_PAGE)) {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
