package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import jp.kagi.ocsp.OcspResponder;

/**
 * The OCSP responder's panel on the revocation status screen: its certificate's expiry (it is renewed by a timer
 * well before) and the requests answered per minute since the server started.
 */
@Named
@RequestScoped
public class OcspStatusPanel {

    @Inject
    OcspResponder responder;

    public boolean isAvailable() {
        return responder.responderExpiry().isPresent();
    }

    public Instant getResponderCertificateExpiry() {
        return responder.responderExpiry().orElse(null);
    }

    public String getRequestsPerMinute() {
        return String.format(java.util.Locale.ROOT, "%.1f", responder.answeredPerMinute());
    }
}
