package jp.kagi.web.ca;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.platform.KagiException;

/** /crl/issuing-ca.cer and /crl/root-ca.cer: the CA certificates, DER, as RFC 5280's caIssuers access expects. */
@WebServlet({"/crl/issuing-ca.cer", "/crl/root-ca.cer"})
public class CaCertificateServlet extends HttpServlet {

    @Inject
    private CertificateAuthority ca;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        X509Certificate cert;
        try {
            cert = request.getServletPath().endsWith("root-ca.cer") ? ca.rootCertificate() : ca.issuingCertificate();
        } catch (KagiException e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        try {
            byte[] der = cert.getEncoded();
            response.setContentType("application/pkix-cert");
            // A CA certificate changes only when the CA is replaced: a day in caches, revalidated by its ETag.
            java.time.Instant now = java.time.Instant.now();
            if (HttpCaching.validUntil(request, response, der, cert.getNotBefore().toInstant(),
                    now.plus(java.time.Duration.ofDays(1)), now)) {
                return;
            }
            response.setContentLength(der.length);
            response.getOutputStream().write(der);
        } catch (CertificateEncodingException e) {
            throw new IOException("Cannot encode the CA certificate", e);
        }
    }
}
