package jp.kagi.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.CertificateView;

/** The signed-in user's certificates with status and expiry, on the menu page. */
@Named
@RequestScoped
public class MyCertificates {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Tokyo"));

    @Inject
    CertificateQuery certificates;

    @Inject
    PortalSession session;

    private List<CertificateView> list;

    public List<CertificateView> getList() {
        if (list == null) {
            list = session.isSignedIn() ? certificates.forAccount(session.getUser().userId()) : List.of();
        }
        return list;
    }

    public String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** The status to show: expired and locked win over the stored status. */
    public String statusKey(CertificateView c) {
        if ("REVOKED".equals(c.status())) {
            return "status.revoked";
        }
        if (c.notAfter().isBefore(Instant.now())) {
            return "status.expired";
        }
        if ("LOCKED".equals(c.retrievalStatus()) || c.locksAt() != null && !Instant.now().isBefore(c.locksAt())) {
            return "status.locked";
        }
        return "RETRIEVED".equals(c.retrievalStatus()) ? "status.retrieved" : "status.pending";
    }
}
