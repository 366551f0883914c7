package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import jp.kagi.admin.SignInChannel;
import jp.kagi.admin.SignInOutcome;
import jp.kagi.admin.StaffSignIn;
import jp.kagi.platform.ClientAddress;
import jp.kagi.web.i18n.Feedback;

/** The back-office Login: same labels as the portal, throttled and audited by StaffSignIn, a new session id on success. */
@Named
@RequestScoped
public class AdminSignIn {

    @Inject
    StaffSignIn signIn;

    @Inject
    ClientAddress clientAddress;

    @Inject
    AdminSession session;

    private String userId;
    private String password;

    public String login() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        String address = clientAddress.of(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")));
        SignInOutcome outcome = signIn.withPassword(SignInChannel.SCREEN, userId, password, address);
        password = null;
        if (outcome.isThrottled()) {
            Feedback.error("error.tooManyAttempts", List.of(outcome.retryAfterSeconds()));
            return null;
        }
        if (outcome.principal().isEmpty()) {
            Feedback.error("error.loginFailed", List.of());
            return null;
        }
        request.changeSessionId();
        session.signIn(outcome.session().get(), address);
        return outcome.session().get().principal().mustChangePassword() ? "/admin/password.xhtml?faces-redirect=true"
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
