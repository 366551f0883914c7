package jp.kagi.platform;

/**
 * The checks a service makes on its caller before it reads or changes anything. Another customer's object is
 * "unknown" (404), exactly as a missing one, so ids cannot be probed; a caller that may see but not change gets 403.
 * A missing caller is refused (fail closed).
 */
public final class Access {

    private Access() {
    }

    /** Any signed-in caller (what it sees is filtered by the query). */
    public static CustomerScope caller(CustomerScope who) {
        if (who == null) {
            throw forbidden();
        }
        return who;
    }

    /** May read the customer's object: else "unknown" with the caller's not-found key. */
    public static CustomerScope see(CustomerScope who, String customer, String notFoundKey, Object id) {
        if (who == null) {
            throw forbidden();
        }
        if (customer == null || !who.maySee(customer)) {
            throw KagiException.notFound(notFoundKey, id);
        }
        return who;
    }

    /** May change the customer's object: 404 if it may not even see it, 403 if it only reads (auditor). */
    public static CustomerScope change(CustomerScope who, String customer, String notFoundKey, Object id) {
        see(who, customer, notFoundKey, id);
        if (who.isReadOnly() || !who.mayChange(customer)) {
            throw forbidden();
        }
        return who;
    }

    /** May change something at all (which customers is checked per object): everyone but an auditor. */
    public static CustomerScope write(CustomerScope who) {
        if (who == null || who.isReadOnly()) {
            throw forbidden();
        }
        return who;
    }

    /** CA admins (and Kagi itself) only. */
    public static CustomerScope caAdmin(CustomerScope who) {
        if (who == null || !who.isCaAdmin()) {
            throw forbidden();
        }
        return who;
    }

    /** Readers of what spans every customer (audit log, outbox): CA admins and auditors, not operators. */
    public static CustomerScope everyCustomer(CustomerScope who) {
        if (who == null || !who.seesEveryCustomer()) {
            throw forbidden();
        }
        return who;
    }

    public static KagiException forbidden() {
        return new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
    }
}
