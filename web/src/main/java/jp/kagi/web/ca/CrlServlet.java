package jp.kagi.web.ca;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.kagi.platform.KagiException;
import jp.kagi.revocation.CrlPublisher;

/** /crl/issuing-ca.crl: the issuing CA's current CRL (DER), where every client certificate's CRL DP points. */
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
        response.setHeader("Cache-Control", "public, max-age=60");
        response.setContentLength(der.length);
        response.getOutputStream().write(der);
    }
}
