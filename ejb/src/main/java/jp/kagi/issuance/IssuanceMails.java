package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import jp.kagi.account.Account;
import jp.kagi.account.AccountService;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.mail.MailTemplates;
import jp.kagi.mail.MailView;
import jp.kagi.mail.Outbox;
import jp.kagi.mail.RenderedMail;
import jp.kagi.retrieval.LockReason;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * The two mails of an issuance (seed §1-1, §1-2), as two separate messages: the notice carries the Request ID and
 * never the password; the registration request carries the user ID and password and never the Request ID.
 */
@Stateless
public class IssuanceMails {

    private static final DateTimeFormatter JA_DEADLINE = DateTimeFormatter.ofPattern("uuuu年M月d日 H:mm (z)", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DEADLINE = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm (z)", Locale.ENGLISH);
    private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    @Inject
    private Outbox outbox;

    @Inject
    private MailSettings settings;

    @Inject
    private AccountService accounts;

    @PersistenceContext
    private EntityManager em;

    /** Both mails; returns the outbox id of the second, the one that carries the password. */
    public long enqueue(Account account, ClientCertificate certificate, RetrievalRequest request, boolean renewal,
                        RenewalTerms terms) {
        notice(account, certificate, request);
        return registration(account, certificate, request, renewal, terms).id();
    }

    /** 証明書発行通知: Request ID, CN, subject, serial; the same text again when an admin resends it. */
    public void notice(Account account, ClientCertificate certificate, RetrievalRequest request) {
        String lang = account.language();
        outbox.enqueue(MailKind.ISSUANCE_NOTICE, account.email(), lang, renderNotice(account, lang,
                request.requestId(), certificate.commonName(), certificate.subject(), certificate.serial()), false,
                certificate.serial());
    }

    private RenderedMail renderNotice(Account account, String lang, String requestId, String cn, String subject,
                                      String serial) {
        Map<String, String> notice = common(account, lang);
        notice.put("displayName", account.displayName());
        notice.put("requestId", requestId);
        notice.put("commonName", cn);
        notice.put("subject", subject);
        notice.put("serial", serial);
        return MailTemplates.render(MailKind.ISSUANCE_NOTICE, lang, notice);
    }

    /**
     * The renewal pair as {@code account} would get it from a campaign, in {@code lang}, written nowhere: the
     * campaign preview. The password, Request ID and serial are not known before issuance and show as masks.
     */
    public List<RenderedMail> renewalSample(Account account, String lang, String nextCn, String subject,
                                            Instant deadline, RenewalTerms terms, boolean firstRenewal) {
        String mask = "********";
        Map<String, String> values = renewalValues(account, lang, mask, nextCn, deadline, terms, firstRenewal);
        return List.of(renderNotice(account, lang, "XXXXXXXXXXXXXXXX", nextCn, subject, mask),
                MailTemplates.render(MailKind.RENEWAL_REQUEST, lang, values));
    }

    /**
     * クライアント証明書登録 (or 更新登録) のお願い with a valid password: the pending one, else a fresh one, since the
     * password mailed before is not kept in clear ({@link AccountService#credentialForMail}).
     */
    public MailView registration(Account account, ClientCertificate certificate, RetrievalRequest request,
                                 boolean renewal, RenewalTerms terms) {
        String lang = account.language();
        String password = accounts.credentialForMail(account);
        if (!renewal) {
            Map<String, String> registration = common(account, lang);
            registration.put("displayName", account.displayName());
            registration.put("userId", account.userId());
            registration.put("password", password);
            registration.put("cnPrefix", cnPrefix(certificate.commonName()));
            registration.put("deadline", deadline(request.locksAt(), false, lang));
            registration.put("reason", settings.registrationReason(lang));
            return outbox.enqueue(MailKind.REGISTRATION_REQUEST, account.email(), lang,
                    MailTemplates.render(MailKind.REGISTRATION_REQUEST, lang, registration), true, certificate.serial());
        }
        Map<String, String> values = renewalValues(account, lang, password, certificate.commonName(),
                request.locksAt(), terms, isFirstRenewal(certificate));
        return outbox.enqueue(MailKind.RENEWAL_REQUEST, account.email(), lang,
                MailTemplates.render(MailKind.RENEWAL_REQUEST, lang, values), true, certificate.serial());
    }

    /**
     * The values of クライアント証明書更新登録のお願い: the first renewal gives the seed's reason and announces the
     * cadence; a campaign's own wording replaces the reason and adds its note; a deadline that is the campaign's
     * completion day is printed as that day.
     */
    private Map<String, String> renewalValues(Account account, String lang, String password, String cn,
                                              Instant deadline, RenewalTerms terms, boolean first) {
        Map<String, String> values = common(account, lang);
        values.put("displayName", account.displayName());
        values.put("userId", account.userId());
        values.put("password", password);
        values.put("cnPrefix", cnPrefix(cn));
        boolean dateOnly = terms != null && terms.completionIsDate() && deadline.equals(terms.completion());
        values.put("deadline", deadline(deadline, dateOnly, lang));
        String reason = terms == null ? null : terms.reason(lang);
        values.put("reason", reason != null ? reason
                : first ? settings.firstRenewalReason(lang) : settings.renewalReason(lang));
        values.put("cadence", first ? settings.cadence(lang, account.customer().renewal().renewalEvery()) : "");
        String note = terms == null ? null : terms.note(lang);
        values.put("note", note == null ? "" : note);
        return values;
    }

    private static String cnPrefix(String cn) {
        return cn.replaceAll("\\d+$", "");
    }

    /** A deadline as the mail states it: a campaign's completion given as a day is printed as that day. */
    public String deadline(Instant at, boolean dateOnly, String lang) {
        boolean en = "en".equals(lang);
        // A day's deadline is its last second (23:59:59), so the day printed is the day the admin typed.
        return at.atZone(settings.zone()).format(dateOnly ? (en ? EN_DATE : JA_DATE) : (en ? EN_DEADLINE : JA_DEADLINE));
    }

    /**
     * The first renewal is the account's second certificate that was not replaced by a reissue: its mail gives the
     * seed's "about a year after introduction" reason and announces the regular cadence.
     */
    private boolean isFirstRenewal(ClientCertificate certificate) {
        return em.createQuery("select count(r) from RetrievalRequest r where r.certificate.account = :account"
                        + " and r.certificate.id < :id and (r.lockReason is null or r.lockReason <> :reissue)", Long.class)
                .setParameter("account", certificate.account()).setParameter("id", certificate.id())
                .setParameter("reissue", LockReason.REISSUE).getSingleResult() <= 1;
    }

    /** The global mail values with the account's customer's own support desk and manual where it set them. */
    private Map<String, String> common(Account account, String lang) {
        return settings.common(lang, account.customer().mailOverrides());
    }
}
