package jp.kagi.web.admin;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.StaffSession;
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
    private String stamp;
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

    /** A password someone else chose must be replaced before any other page opens. */
    public boolean isMustChangePassword() {
        return principal != null && principal.mustChangePassword();
    }

    void signIn(StaffSession who, String from) {
        this.principal = who.principal();
        this.stamp = who.stamp();
        this.address = from;
    }

    /** What this session signed in as, to be re-read by {@code AdminService.current} on each request. */
    StaffSession staffSession() {
        return principal == null ? null : new StaffSession(principal, stamp);
    }

    /** The role and customers as they are now; after the session's own password change, its new stamp. */
    void refreshed(StaffSession now) {
        this.principal = now.principal();
        this.stamp = now.stamp();
    }

    Actor actor() {
        return new Actor(principal.userId(), address);
    }
}
