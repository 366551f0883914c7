package jp.kagi.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jp.kagi.account.AccountService;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** The Login form: ユーザID and パスワード, compared exactly; a new session id on success. */
@Named
@RequestScoped
public class SignIn {

    @Inject
    AccountService accounts;

    @Inject
    PortalSession session;

    private String userId;
    private String password;

    public String login() {
        try {
            var user = accounts.authenticate(userId, password, Requests.address());
            Requests.current().changeSessionId(); // no session fixation: the id seen before login is worthless after
            session.signIn(user);
            return "/portal/menu.xhtml?faces-redirect=true";
        } catch (KagiException e) {
            Feedback.error(e);
            password = null;
            return null;
        }
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
