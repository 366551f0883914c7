package jp.kagi.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
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

    private final Instant now = Instant.now();

    private List<CertificateView> list;

    private Optional<CertificateChoice> choice;

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
        return PortalStatus.of(c, now).messageKey();
    }

    /** After a renewal: which of the certificates that still work to choose, if there are two or more. */
    public CertificateChoice getChoice() {
        if (choice == null) {
            choice = CertificateChoice.among(getList(), now);
        }
        return choice.orElse(null);
    }

    /** True for the one certificate to choose, when there is a choice (the 新しい証明書 badge). */
    public boolean isNewer(CertificateView c) {
        CertificateChoice current = getChoice();
        return current != null && current.isNewer(c.cn());
    }

    /** The older certificates' names for the advice, joined as the page's language lists ("dsca00012、dsca00013"). */
    public String older(String separator) {
        CertificateChoice current = getChoice();
        return current == null ? "" : String.join(separator, current.older());
    }
}
