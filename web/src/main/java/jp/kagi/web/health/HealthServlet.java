package jp.kagi.web.health;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.web.admin.AdminSession;

/**
 * Readiness for load balancers and scripts: 200 once the CA is loaded and its database row is readable. Anonymous
 * callers get the status alone: the reason (which may name a file of the data directory) goes only to a signed-in
 * back-office user; the server log holds it too.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @Inject
    private CertificateAuthority ca;

    @Inject
    private AdminSession adminSession;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String problem = null;
        try {
            if (!ca.isReady()) {
                problem = "CA not ready: " + ca.unavailableReason();
            } else {
                ca.issuer(); // touches the database
            }
        } catch (RuntimeException e) {
            problem = "database not reachable";
        }
        response.setStatus(problem == null ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (problem == null) {
            response.getWriter().write("{\"status\":\"UP\"}");
        } else if (staff(request)) {
            response.getWriter().write("{\"status\":\"DOWN\",\"reason\":\""
                    + problem.replace("\\", "\\\\").replace("\"", "'") + "\"}");
        } else {
            response.getWriter().write("{\"status\":\"DOWN\"}");
        }
    }

    /** A back-office user signed in on this session; asks nothing (and creates no session) for anonymous callers. */
    private boolean staff(HttpServletRequest request) {
        return request.getSession(false) != null && adminSession.isSignedIn();
    }
}
