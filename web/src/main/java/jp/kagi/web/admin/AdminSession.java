package jp.kagi.web.admin;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;

/** The back-office user signed in to this session, and the role checks the desks make before acting. */
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

    /** A CA admin may do anything; an operator only for its customers; an auditor nothing. */
    void requireChange(String customer) {
        if (principal == null || !principal.mayChange(customer)) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
    }

    void requireCaAdmin() {
        if (!isCaAdmin()) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
    }

    boolean maySee(String customer) {
        return principal != null && principal.maySee(customer);
    }
}
