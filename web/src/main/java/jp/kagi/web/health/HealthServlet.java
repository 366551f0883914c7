package jp.kagi.web.health;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jp.kagi.ca.CertificateAuthority;

/** Readiness for load balancers and scripts: 200 once the CA is loaded and its database row is readable. */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @Inject
    private CertificateAuthority ca;

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
        response.getWriter().write(problem == null ? "{\"status\":\"UP\"}"
                : "{\"status\":\"DOWN\",\"reason\":\"" + problem.replace("\\", "\\\\").replace("\"", "'") + "\"}");
    }
}
