package jp.kagi.platform;

import java.util.Set;

/**
 * The caller of a service method: who, and which customers it may see and change. Every public service method that
 * reads or changes customer data takes one and checks it through {@link Access}, so a new entry point (screen, REST
 * resource, servlet) cannot forget the check. The back-office user ({@code admin.AdminPrincipal}) implements it, so
 * the features check scope without depending on the admin package (which depends on them); timers and internal
 * callers pass {@link #SYSTEM}.
 */
public interface CustomerScope {

    /** Kagi itself (timers, background work, start-up): sees and changes everything, like a CA admin. */
    CustomerScope SYSTEM = new SystemScope();

    /** The back-office user ID (or "system"), for ownership checks such as "an operator's own import jobs". */
    String userId();

    /** May read the customer's objects; for the others the service answers "unknown", as for a missing one. */
    boolean maySee(String customer);

    /** May change the customer's objects. */
    boolean mayChange(String customer);

    /** May do what only a CA admin may: customers, staff, the outbox, campaigns. */
    boolean isCaAdmin();

    /** Reads only (an auditor): every change is refused with 403. */
    boolean isReadOnly();

    /** The customers this caller is limited to, or {@code null} when it sees every customer (CA admin, auditor). */
    Set<String> limitedTo();

    /** Sees every customer: a CA admin, an auditor, or Kagi itself. */
    default boolean seesEveryCustomer() {
        return limitedTo() == null;
    }

    /** {@link #SYSTEM}'s type: a record so that it prints and compares plainly. */
    record SystemScope() implements CustomerScope {

        @Override
        public String userId() {
            return "system";
        }

        @Override
        public boolean maySee(String customer) {
            return true;
        }

        @Override
        public boolean mayChange(String customer) {
            return true;
        }

        @Override
        public boolean isCaAdmin() {
            return true;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public Set<String> limitedTo() {
            return null;
        }
    }
}
