package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import jp.kagi.account.AccountEdit;
import jp.kagi.account.AccountEditService;
import jp.kagi.account.AccountView;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** The edit form and the password reset of /admin/accounts (CA admins, or operators of the account's customer). */
@Named
@ViewScoped
public class AccountEditDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccountEditService editor;

    @Inject
    AdminSession session;

    private String userId;
    private String email;
    private String displayName;
    private String language;

    public void start(AccountView a) {
        // nothing is checked here: the service checks the caller when the edit is saved
        userId = a.userId();
        email = a.email();
        displayName = a.displayName();
        language = a.language();
    }

    public void save() {
        try {
            // An emptied field must be refused, not read as "keep": send "" rather than null.
            AccountView saved = editor.edit(session.actor(), session.getPrincipal(), userId,
                    new AccountEdit(nz(email), nz(displayName), nz(language)));
            Feedback.info("admin.accountSaved", List.of(saved.userId()));
            userId = null;
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void cancel() {
        userId = null;
    }

    /** A new password, mailed to the user only; the old one stops working at once. */
    public void resetPassword(AccountView a) {
        try {
            AccountView reset = editor.resetPassword(session.actor(), session.getPrincipal(), a.userId());
            Feedback.info("admin.passwordReset", List.of(reset.userId(), reset.email()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public boolean isEditing() {
        return userId != null;
    }

    public String getUserId() {
        return userId;
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
