package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import jp.kagi.admin.AdminService;
import jp.kagi.admin.PasswordChange;
import jp.kagi.admin.StaffAccounts;
import jp.kagi.admin.StaffSession;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** A back-office user changes its own password; this session stays signed in, every other one ends. */
@Named
@RequestScoped
public class PasswordDesk {

    @Inject
    StaffAccounts staff;

    @Inject
    AdminService admins;

    @Inject
    AdminSession session;

    private String current;
    private String fresh;
    private String repeat;

    public String change() {
        try {
            if (fresh == null || !fresh.equals(repeat)) {
                throw KagiException.invalid("error.passwordRepeat");
            }
            String userId = session.getPrincipal().userId();
            String stamp = staff.changePassword(session.getPrincipal(), session.actor(), userId,
                    new PasswordChange(current, fresh));
            admins.current(new StaffSession(session.getPrincipal(), stamp)).ifPresent(session::refreshed);
            Feedback.info("admin.passwordChanged", List.of());
            return "/admin/certificates.xhtml?faces-redirect=true";
        } catch (KagiException e) {
            Feedback.error(e);
            return null;
        } finally {
            current = null; // never kept, whatever happened
            fresh = null;
            repeat = null;
        }
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getFresh() {
        return fresh;
    }

    public void setFresh(String fresh) {
        this.fresh = fresh;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
