package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import jp.kagi.issuance.CertificateView;
import jp.kagi.issuance.MailResendService;
import jp.kagi.issuance.ResendResult;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** The "resend" buttons of /admin/certificates: either mail of a certificate whose request is still open. */
@Named
@RequestScoped
public class CertificateMailDesk {

    @Inject
    MailResendService resend;

    @Inject
    AdminSession session;

    /** {@code mail} is "notice" or "registration"; the latter draws a new password and says so. */
    public void resend(CertificateView certificate, String mail) {
        try {
            ResendResult result = resend.resend(session.actor(), session.getPrincipal(), certificate.serial(), mail);
            Feedback.info(result.newPassword() ? "admin.registrationResent" : "admin.noticeResent",
                    List.of(result.commonName(), result.recipient()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }
}
