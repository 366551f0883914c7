package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;

/**
 * The OCSP responder's panel on the revocation status screen: its certificate's expiry and the request rate. A
 * placeholder until the responder exists (issue 10, OCSP half): both are null, and the screen says so.
 */
@Named
@RequestScoped
public class OcspStatusPanel {

    public boolean isAvailable() {
        return false;
    }

    public Instant getResponderCertificateExpiry() {
        return null;
    }

    public Double getRequestsPerMinute() {
        return null;
    }
}
