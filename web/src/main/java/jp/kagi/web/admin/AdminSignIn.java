package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import jp.kagi.account.AttemptThrottle;
import jp.kagi.admin.AdminService;
import jp.kagi.web.i18n.Feedback;

/** The back-office Login: same labels as the portal, throttled, a new session id on success. */
@Named
@RequestScoped
public class AdminSignIn {

    @Inject
    AdminService admins;

    @Inject
    AdminSession session;

    @Inject
    AttemptThrottle throttle;

    private String userId;
    private String password;

    public String login() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        String address = request.getRemoteAddr();
        String key = "admin:" + userId;
        Duration wait = throttle.waitBefore(key, address);
        if (!wait.isZero()) {
            Feedback.error("error.tooManyAttempts", List.of(Math.max(1, wait.toSeconds())));
            return null;
        }
        var principal = admins.signIn(userId, password);
        password = null;
        if (principal.isEmpty()) {
            throttle.failed(key, address);
            Feedback.error("error.loginFailed", List.of());
            return null;
        }
        throttle.succeeded(key, address);
        request.changeSessionId();
        session.signIn(principal.get(), address);
        return principal.get().principal().mustChangePassword() ? "/admin/password.xhtml?faces-redirect=true"
                : "/admin/certificates.xhtml?faces-redirect=true";
    }

    public String logout() {
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/admin/login.xhtml?faces-redirect=true";
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
