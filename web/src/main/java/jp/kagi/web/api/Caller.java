package jp.kagi.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;

/**
 * The signed-in back-office user of this request, passed to the services as who asks (the principal) and for the
 * audit log (the actor). The services check role and customer scope themselves; this class only finds the caller.
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
}
