package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import jp.kagi.account.AccountService;
import jp.kagi.account.AccountView;
import jp.kagi.account.NewAccount;
import jp.kagi.issuance.AccountCertificate;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** Accounts of one customer: open an account (the password goes only by mail) and issue a certificate for it. */
@Named
@ViewScoped
public class AccountDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    CertificateQuery certificates;

    @Inject
    AdminSession session;

    private String customer;
    private String email;
    private String displayName;
    private String language = "ja";

    public List<AccountView> getAccounts() {
        if (customer == null || customer.isBlank()) {
            return List.of();
        }
        try {
            return accounts.list(session.getPrincipal(), customer);
        } catch (KagiException e) {
            return List.of(); // an unknown customer, or one this user may not see, simply has no accounts here
        }
    }

    /** The account's newest certificate with retrieved / installed (null: none), one query per page render. */
    public AccountCertificate newest(AccountView account) {
        var request = jakarta.faces.context.FacesContext.getCurrentInstance().getAttributes();
        @SuppressWarnings("unchecked")
        Map<String, AccountCertificate> newest = (Map<String, AccountCertificate>) request.computeIfAbsent(
                "accountDesk.newest." + account.customer(),
                k -> certificates.newestPerAccount(session.getPrincipal(), account.customer()));
        return newest.get(account.userId());
    }

    /** The message key of the newest certificate's user-side state: installed, retrieved, or null. */
    public String newestState(AccountView account) {
        AccountCertificate c = newest(account);
        return c == null ? null : c.installedAt() != null ? "admin.cert.installedMark"
                : c.firstRetrievedAt() != null ? "requestStatus.RETRIEVED" : null;
    }

    public void create() {
        try {
            AccountView created = accounts.create(session.actor(), session.getPrincipal(), new NewAccount(customer, email, displayName, language));
            Feedback.info("admin.accountCreated", List.of(created.userId()));
            email = null;
            displayName = null;
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void issue(AccountView account) {
        try {
            IssuedCertificate issued = issuance.issue(session.actor(), session.getPrincipal(), account.userId());
            Feedback.info("admin.certificateIssued", List.of(issued.cn(), issued.serial()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void setEnabled(AccountView account, boolean enabled) {
        try {
            accounts.setEnabled(session.actor(), session.getPrincipal(), account.userId(), enabled);
            Feedback.info(enabled ? "admin.accountEnabled" : "admin.accountDisabled", List.of(account.userId()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public String getCustomer() {
        return customer;
    }

    public void setCustomer(String customer) {
        this.customer = customer;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }
}
