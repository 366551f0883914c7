package jp.kagi.web.admin;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.platform.Actor;

/**
 * The back-office user signed in to this session. The desks pass {@link #getPrincipal()} to the services, which check
 * role and customer scope themselves; the role questions here only decide what a screen shows.
 */
@Named
@SessionScoped
public class AdminSession implements Serializable {

    private static final long serialVersionUID = 1L;

    private AdminPrincipal principal;
    private String address;

    public boolean isSignedIn() {
        return principal != null;
    }

    public AdminPrincipal getPrincipal() {
        return principal;
    }

    public boolean isCaAdmin() {
        return principal != null && principal.isCaAdmin();
    }

    /** Auditors read only: the screens leave out what they may not do (the server refuses it anyway). */
    public boolean isAuditor() {
        return principal != null && principal.role() == jp.kagi.admin.AdminRole.AUDITOR;
    }

    void signIn(AdminPrincipal who, String from) {
        this.principal = who;
        this.address = from;
    }

    Actor actor() {
        return new Actor(principal.userId(), address);
    }
}
