package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import jp.kagi.mail.MailDelivery;
import jp.kagi.mail.MailView;
import jp.kagi.mail.Outbox;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/**
 * The mail outbox with each mail's delivery status (never its body), and a retry for a mail that gave up. Mails are
 * addressed to people, not customers, so the outbox is for CA admins and auditors (auditors read only).
 */
@Named
@ViewScoped
public class OutboxDesk implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;

    @Inject
    Outbox outbox;

    @Inject
    MailDelivery delivery;

    @Inject
    AdminSession session;

    private String recipient;

    /** Whether the screen shows the outbox: CA admins and auditors (Outbox refuses everyone else itself). */
    public boolean isAllowed() {
        return session.isSignedIn() && session.getPrincipal().seesEveryCustomer();
    }

    public List<MailView> getMails() {
        return isAllowed() ? outbox.byRecipient(session.getPrincipal(), recipient, 0, SHOWN) : List.of();
    }

    public void retry(MailView mail) {
        try {
            delivery.retry(session.actor(), session.getPrincipal(), mail.id());
            Feedback.info("admin.mailRetried", List.of(mail.recipient()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient == null || recipient.isBlank() ? null : recipient.strip();
    }
}
