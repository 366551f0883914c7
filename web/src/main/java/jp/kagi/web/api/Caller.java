package jp.kagi.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;

/**
 * The signed-in back-office user of this request and the role checks every resource makes on the server. An
 * operator asking for another customer's object is told it does not exist (404), so ids cannot be probed.
 */
final class Caller {

    private final AdminPrincipal principal;
    private final String address;

    private Caller(AdminPrincipal principal, String address) {
        this.principal = principal;
        this.address = address;
    }

    static Caller of(HttpServletRequest request) {
        Object principal = request.getAttribute(AdminAuthentication.PRINCIPAL);
        if (!(principal instanceof AdminPrincipal p)) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
        Object address = request.getAttribute(AdminAuthentication.ADDRESS);
        return new Caller(p, address instanceof String a ? a : request.getRemoteAddr());
    }

    Actor actor() {
        return new Actor(principal.userId(), address);
    }

    AdminPrincipal principal() {
        return principal;
    }

    Caller requireCaAdmin() {
        if (!principal.isCaAdmin()) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
        return this;
    }

    /** May change something at all: everyone but an auditor (which customers is checked per object). */
    Caller requireWriter() {
        if (principal.role() == jp.kagi.admin.AdminRole.AUDITOR) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
        return this;
    }

    /** May read: a CA admin and an auditor see everything, an operator its own customers. */
    Caller requireSee(String customer, String notFoundKey, Object id) {
        if (!principal.maySee(customer)) {
            throw KagiException.notFound(notFoundKey, id);
        }
        return this;
    }

    /** May change: a CA admin anything, an operator its own customers, an auditor nothing. */
    Caller requireChange(String customer, String notFoundKey, Object id) {
        requireSee(customer, notFoundKey, id);
        if (!principal.mayChange(customer)) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
        return this;
    }
}
