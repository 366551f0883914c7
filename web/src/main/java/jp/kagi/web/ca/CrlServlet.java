package jp.kagi.web.ca;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import jp.kagi.platform.KagiException;
import jp.kagi.revocation.CrlPublisher;

/**
 * /crl/issuing-ca.crl: the issuing CA's current CRL (DER), where every client certificate's CRL DP points; on plain
 * HTTP (8080) as well as HTTPS (web.xml). HTTP caches may keep it until its nextUpdate.
 */
@WebServlet("/crl/issuing-ca.crl")
public class CrlServlet extends HttpServlet {

    @Inject
    private CrlPublisher crl;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] der;
        try {
            der = crl.currentCrl();
        } catch (KagiException e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        response.setContentType("application/pkix-crl");
        CrlHead head = CrlHead.of(der);
        if (head.nextUpdate() == null) {
            response.setHeader("Cache-Control", "no-cache");
        } else if (HttpCaching.validUntil(request, response, der, head.thisUpdate(), head.nextUpdate(), Instant.now())) {
            return;
        }
        response.setContentLength(der.length);
        response.getOutputStream().write(der);
    }
}
